/** The buffered items, then the rest of the iterator, without another generator level per item. */
export function prepend<T>(buffered: T[], it: AsyncIterator<T>): AsyncIterable<T> {
  let k = 0;
  const iterator: AsyncIterator<T> = {
    next: () => (k < buffered.length ? Promise.resolve({ value: buffered[k++]!, done: false }) : it.next()),
    return: (v?: unknown) => (it.return ? it.return(v) : Promise.resolve({ value: undefined, done: true })) as Promise<IteratorResult<T>>,
  };
  return { [Symbol.asyncIterator]: () => iterator };
}

/**
 * An async iterable whose source is decided on the first `next()` (after an async peek), then
 * delegated to directly: opening stays lazy and costs no generator level per item.
 */
export function lazyIterable<T>(open: () => Promise<AsyncIterable<T>>): AsyncIterable<T> {
  return {
    [Symbol.asyncIterator]() {
      let inner: AsyncIterator<T> | undefined;
      const start = async () => {
        inner = (await open())[Symbol.asyncIterator]();
        return inner.next();
      };
      return {
        next: () => (inner ? inner.next() : start()),
        return: (v?: unknown) => (inner?.return ? inner.return(v) : Promise.resolve({ value: undefined, done: true })) as Promise<IteratorResult<T>>,
      };
    },
  };
}
