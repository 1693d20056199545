import { division, townshipLabel } from '@union-graph/domain';
import { kitText } from '../texts';
import type { Dimension } from './engine';

/**
 * A region dimension (province, city, county, township): `sql` gives a GB/T 2260 code, or a
 * township's nine-digit one; labelled with its name, a township after its county's (names repeat
 * across counties).
 */
export const regionDimension = (sql: string): Dimension => ({
  sql,
  label: (code, language) =>
    (code.length === 9 ? townshipLabel(code) : undefined) ??
    division(code)?.name ??
    kitText('statisticsUnknown').render(language),
});
