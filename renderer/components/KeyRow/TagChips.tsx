export function TagChips({ tags, max = Infinity }: { tags: string[]; max?: number }) {
  if (tags.length === 0) return null;
  const shown = tags.slice(0, max);
  const hidden = tags.length - shown.length;
  return (
    <span className="chips">
      {shown.map((tag) => (
        <span key={tag} className="chip">
          {tag}
        </span>
      ))}
      {hidden > 0 && (
        <span className="chip chip--more" title={tags.slice(max).join(', ')}>
          +{hidden}
        </span>
      )}
    </span>
  );
}
