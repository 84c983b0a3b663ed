// The words shared by the demo's calls: a text in three languages and the five-point scale of their criteria.

export const tri = (fr: string, nl: string, en: string) => ({ fr, nl, en });
const scale = (labels: [string, string, string][]) =>
  labels.map(([fr, nl, en], i) => ({ value: i + 1, label: tri(fr, nl, en) }));
export const FIVE = scale([
  ['insuffisant', 'onvoldoende', 'insufficient'],
  ['faible', 'zwak', 'weak'],
  ['correct', 'behoorlijk', 'fair'],
  ['bon', 'goed', 'good'],
  ['excellent', 'uitstekend', 'excellent'],
]);
