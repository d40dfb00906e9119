import type { ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { Router } from 'wouter';
import { describeOutcomeSummary } from './outcomeWords.ts';
import { SendResultSummary } from './SendResultSummary.tsx';
import { buildSummary } from '../../shared/offline/outcomeSummary.testing.ts';

/** Rendered as on a server: wouter reads the path from ssrPath, not a browser location. */
const render = (element: ReactElement) =>
  renderToStaticMarkup(<Router ssrPath="/checkout">{element}</Router>);

describe('describeOutcomeSummary', () => {
  it('always says applied, warnings and exceptions, with singular and plural', () => {
    expect(describeOutcomeSummary(buildSummary({ applied: 9, exception: 1 }))).toEqual([
      '9 applied',
      '0 applied with warnings',
      '1 became an exception for a supervisor to resolve',
    ]);
    expect(describeOutcomeSummary(buildSummary({ exception: 2 }))[2]).toBe(
      '2 became exceptions for a supervisor to resolve',
    );
  });

  it('adds noted, dismissed and pending only when there are some', () => {
    expect(
      describeOutcomeSummary(
        buildSummary({ applied: 1, noted: 2, dismissed: 1, pending: 3 }),
      ).slice(3),
    ).toEqual([
      '2 noted, with nothing to change',
      '1 dismissed by a supervisor',
      '3 still being processed: the report shows their outcome shortly',
    ]);
  });
});

describe('SendResultSummary', () => {
  it('is a status region linking to the report it is given', () => {
    const html = render(
      <SendResultSummary
        summary={buildSummary({ applied: 2, appliedWithWarning: 1 })}
        reportHref="/offline-uploads/7"
      />,
    );
    expect(html).toContain('role="status"');
    expect(html).toContain('The server has 3 transactions from this sending:');
    expect(html).toContain('<li>1 applied with warnings</li>');
    expect(html).toMatch(/<a href="\/offline-uploads\/7"[^>]*>View report<\/a>/);
    expect(html).not.toContain('before');
  });

  it('says beneath the counts, not among them, how many had reached the server before', () => {
    const html = render(
      <SendResultSummary
        summary={buildSummary({ applied: 6 })}
        reportHref="/offline-report?workstation=DESK-1&from=1&to=6"
        duplicates={6}
      />,
    );
    expect(html).not.toMatch(/<li>[^<]*before/);
    expect(html).toContain('<p>All 6 transactions had reached the server before');
  });
});
