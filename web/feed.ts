import type { PostEntry } from './connection';

export const FEED_SIZE = 100;
const ANNOUNCE_EVERY_MS = 10_000;

/**
 * The newest posts on top, at most FEED_SIZE kept. Screen readers hear a summary at most every
 * 10 s ("12 new posts"), not every post.
 */
export function createFeed(list: HTMLOListElement, announcer: HTMLElement) {
  let unannounced = 0;
  let lastAnnounced = 0;
  let timer: number | undefined;

  const announce = () => {
    timer = undefined;
    if (unannounced === 0) return;
    announcer.textContent = `${unannounced} new post${unannounced === 1 ? '' : 's'}`;
    unannounced = 0;
    lastAnnounced = Date.now();
  };

  return {
    add(entry: PostEntry) {
      list.prepend(renderPost(entry));
      while (list.children.length > FEED_SIZE) list.lastElementChild?.remove();
      unannounced += 1;
      if (timer === undefined) {
        timer = window.setTimeout(announce, Math.max(0, lastAnnounced + ANNOUNCE_EVERY_MS - Date.now()));
      }
    },
    clear() {
      list.replaceChildren();
    },
  };
}

function renderPost(entry: PostEntry): HTMLLIElement {
  const item = document.createElement('li');
  const text = document.createElement('p');
  text.textContent = entry.tweet;
  const meta = document.createElement('p');
  meta.className = 'meta';
  const time = document.createElement('time');
  time.dateTime = entry.created;
  time.textContent = new Date(entry.created).toLocaleString();
  meta.append(
    `${entry.author} (@${entry.username}, ${entry.followers.toLocaleString()} followers) · ${entry.rash} · ${entry.lang} · `,
    time,
  );
  item.append(text, meta);
  item.dataset.id = entry.id;
  return item;
}
