// Lists made from an organization's configuration (the idle codes a profile allows, the queues it
// may transfer to, its active teams) are the same for every agent with the same profile. Made
// once per set of inputs and shared, as the inputs are (org-cache.ts): a heap snapshot with 1,000
// agents held a copy of each per agent (docs/MEASUREMENTS.md).

/** Stands for an input WxCC did not send (no profile, no tenant settings). */
const NONE = {};

interface Node<R> {
  next: WeakMap<object, Node<R>>;
  made?: { value: R };
}

/**
 * `sharedLists()(inputs, make)`: `make()` once for the same inputs (by identity), its lists frozen,
 * as every agent holding them shares them. `make` must depend on `inputs` alone. Keyed by the
 * objects the org cache handed out, so a fresh read of WxCC (new objects) makes fresh lists, and
 * one organization's objects never answer for another's. Weakly held: lists go with their inputs.
 */
export function sharedLists<R extends object>() {
  const root: Node<R> = { next: new WeakMap() };
  return (inputs: readonly (object | undefined)[], make: () => R): R => {
    let node = root;
    for (const input of inputs) {
      const key = input ?? NONE;
      let child = node.next.get(key);
      if (child === undefined) {
        child = { next: new WeakMap() };
        node.next.set(key, child);
      }
      node = child;
    }
    node.made ??= { value: freezeLists(make()) };
    return node.made.value;
  };
}

/** Shared by many agents: neither the object nor its lists may be changed by one of them. */
function freezeLists<R extends object>(value: R): R {
  for (const field of Object.values(value)) if (Array.isArray(field)) Object.freeze(field);
  return Object.freeze(value);
}
