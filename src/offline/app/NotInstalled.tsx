// Shown when this browser has no offline data: the client must be installed from the staff app
// while the server is reachable, and this page says how.
export function NotInstalled({ reason }: { reason: 'missing' | 'unreadable' }) {
  return (
    <main>
      <section className="panel">
        <h1>The offline client is not installed in this browser</h1>
        {reason === 'unreadable' && (
          <p>The offline data stored here could not be read (it may be from an older version).</p>
        )}
        <p>
          While the library system is up, sign in to <a href="/">Circa</a> in this browser, open the
          menu under your name and choose <strong>Install offline client</strong>. Then come back to
          this page and bookmark it.
        </p>
        <p>
          If the system is down now, use another workstation where the offline client is installed.
        </p>
      </section>
    </main>
  );
}
