import { Icon } from '../../components/Icon/Icon';

export function EmptyVault({ onAddKey }: { onAddKey: () => void }) {
  return (
    <div className="empty-state">
      <span className="empty-state__icon" aria-hidden="true">
        <Icon name="key" size={28} />
      </span>
      <h2 className="empty-state__title">Your vault is empty</h2>
      <p className="empty-state__text">
        Add an API key to keep it out of your code and your shell history. Its value goes to the system keychain; Keystash
        keeps only its name, tags and dates.
      </p>
      <button type="button" className="button button--primary" onClick={onAddKey}>
        <Icon name="plus" />
        Add your first key
      </button>
      <p className="empty-state__tip">
        Then copy it with one click, or hand it to a program as an environment variable from the keystash command line.
      </p>
    </div>
  );
}

export function NoMatches({ query, onClear }: { query: string; onClear: () => void }) {
  return (
    <div className="empty-state">
      <span className="empty-state__icon" aria-hidden="true">
        <Icon name="search" size={28} />
      </span>
      <h2 className="empty-state__title">{query ? `No keys match “${query}”` : 'No keys match these filters'}</h2>
      <p className="empty-state__text">
        {query ? 'Try part of the name, or a provider, tag or environment variable.' : 'A key shows only when it has every selected tag.'}
      </p>
      <button type="button" className="button button--secondary" onClick={onClear}>
        {query ? 'Clear search and filters' : 'Clear filters'}
      </button>
    </div>
  );
}

export function ListLoading() {
  return (
    <div className="empty-state empty-state--quiet" aria-busy="true">
      <p className="empty-state__text">Loading keys…</p>
    </div>
  );
}
