// What a call variable is called on the page: the flow's label, else its name made readable.

/** `accountNumber`, `account_number` → `Account number`: for variables the flow gave no label. */
export function humanise(name: string): string {
  const words = name
    .replace(/([a-z\d])([A-Z])/g, '$1 $2')
    .replace(/[_\-.]+/g, ' ')
    .trim()
    .toLowerCase();
  return words ? words[0]!.toUpperCase() + words.slice(1) : name;
}

/**
 * WxCC repeats the name as the label (callAssociatedData displayName) when the flow gives none, so
 * a label equal to the name says nothing more: the readable name is shown instead.
 */
export function variableLabel(name: string, ...labels: (string | undefined)[]): string {
  const label = labels.find((l) => l !== undefined && l !== '' && l !== name);
  return label ?? humanise(name);
}
