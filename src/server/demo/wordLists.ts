// Word lists the demo library builds names, titles and call numbers from. Changing a list changes
// every generated patron and item after it, and so docs/demo.md (regenerate it).

/** Single words separated by white space: long lists stay readable and short. */
function words(text: string): readonly string[] {
  return text.trim().split(/\s+/);
}

export const FIRST_NAMES: readonly string[] = words(`
  Aaliyah Abigail Adam Adrian Aiden Alice Amara Amelia Ana Andre Angela Anthony Aria Arjun
  Ava Benjamin Bianca Brandon Brian Camila Carlos Carmen Caroline Charles Chloe Chris
  Claire Daniel David Deborah Diego Dmitri Eleanor Elena Elijah Emily Emma Eric Ethan
  Fatima Felix Fiona Gabriel Grace Hannah Harper Hassan Henry Hiroshi Imani Isaac Isabella
  Jack James Jasmine Javier Jennifer Jin John Jordan Joseph Julia Kai Karen Keisha Kevin
  Laura Layla Leo Liam Lucas Lucy Luis Maya Malik Margaret Maria Mark Mateo Mei Michael
  Mia Mohammed Nadia Naomi Nathan Nia Noah Olivia Omar Patricia Paul Priya Rachel Rafael
  Ravi Rebecca Robert Rosa Ruth Samuel Sara Sean Sofia Sophie Stephen Susan Tanya Thomas
  Tomas Valentina Victor Wei William Xavier Yara Yusuf Zachary Zara Zoe
`);

export const LAST_NAMES: readonly string[] = words(`
  Abbott Adams Ahmed Alvarez Anderson Baker Banerjee Bennett Brooks Brown Bryant Campbell
  Carter Castillo Chen Clark Collins Cooper Cruz Davis Diaz Dubois Edwards Evans Fischer
  Flores Foster Garcia Gomez Gonzalez Gray Green Gupta Hall Harris Hayes Hernandez Hill
  Hughes Ibrahim Jackson James Jensen Johnson Jones Kaur Kelly Khan Kim King Kowalski Lee
  Lewis Lopez Martin Martinez Mendoza Miller Mitchell Moore Morales Morgan Murphy Nakamura
  Nelson Nguyen Novak O'Brien Okafor Ortiz Parker Patel Perez Peterson Phillips Price
  Ramirez Reed Reyes Richardson Rivera Roberts Robinson Rodriguez Rossi Russell Sanchez
  Sanders Schmidt Scott Shah Silva Singh Smith Stewart Sullivan Tanaka Taylor Thomas
  Thompson Torres Turner Walker Wang Ward Washington Watson White Williams Wilson Wong
  Wright Young Zhang
`);

export const TITLE_ADJECTIVES: readonly string[] = words(`
  Silent Hidden Lost Golden Broken Distant Burning Quiet Winter Last Secret Crimson
  Forgotten Wild Endless Little Bright Northern Paper Midnight Salt Glass Iron Summer
  Hollow Painted Restless Blue
`);

export const TITLE_NOUNS: readonly string[] = words(`
  River Garden House Harbor Orchard Lighthouse Kingdom Station Letters Bridge Island
  Forest Mountain Promise Daughter Sky Road Library Season Stranger Shore Country
  Clockmaker Map Songbird Tide Valley Fire Archive Window
`);

export const TITLE_PLACES = [
  'Prairie Falls',
  'the North',
  'Cedar Creek',
  'the Sea',
  'Maple Street',
  'the Mesa',
  'Lake Erie',
  'the Delta',
  'Willow Bend',
  'the Plains',
  'Half Moon Bay',
  'Old Town',
] as const;

/** Non-fiction subjects with the Dewey class they shelve under. */
export const NONFICTION_SUBJECTS = [
  { subject: 'Bread Baking', dewey: '641.815' },
  { subject: 'Birds of North America', dewey: '598.097' },
  { subject: 'Home Gardening', dewey: '635' },
  { subject: 'The Civil War', dewey: '973.7' },
  { subject: 'Personal Finance', dewey: '332.024' },
  { subject: 'Woodworking', dewey: '684.08' },
  { subject: 'The Solar System', dewey: '523.2' },
  { subject: 'Chess Strategy', dewey: '794.12' },
  { subject: 'Watercolor Painting', dewey: '751.422' },
  { subject: 'Learning Spanish', dewey: '468.2421' },
  { subject: 'Dinosaurs', dewey: '567.9' },
  { subject: 'Mindful Living', dewey: '158.1' },
  { subject: 'Jazz History', dewey: '781.6509' },
  { subject: 'Coding for Beginners', dewey: '005.13' },
  { subject: 'Hiking the Rockies', dewey: '917.8' },
  { subject: 'Weather and Climate', dewey: '551.6' },
] as const;

export const NONFICTION_FORMS = [
  "A Beginner's Guide",
  'An Illustrated History',
  'The Complete Handbook',
  'A Field Guide',
  'Everything You Need to Know',
  'A Practical Introduction',
] as const;

export const MAGAZINE_TITLES = [
  'Garden Monthly',
  'Prairie Living',
  'Science Today',
  'Home Cook',
  'Trail & Summit',
  'The Weekly Review',
  'Kids Discover',
  'Classic Cars Quarterly',
] as const;

export const MONTH_NAMES: readonly string[] = words(`
  January February March April May June July August September October November December
`);
