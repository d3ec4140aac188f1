import { GuestCategorySchema, type SeatingZones } from '@ceremony/shared';
import { useT } from '@ceremony/shared/ui';
import { TextField } from './CeremonyFields.js';

/**
 * Where each kind of guest without a numbered seat goes: the words check-in shows at the door. The
 * organiser's data for this hall, so a new venue needs no change to the program.
 */
export function SeatingZonesFields({
  value,
  onChange,
}: {
  value: SeatingZones;
  onChange: (zones: SeatingZones) => void;
}) {
  const t = useT();
  return (
    <details className="field" data-testid="ceremony-zones">
      <summary>{t('zones.title')}</summary>
      <p className="admin-hint">{t('zones.hint')}</p>
      {GuestCategorySchema.options.map((category) => (
        <TextField
          key={category}
          label={t(`category.${category}`)}
          testId={`ceremony-zone-${category}`}
          value={value[category] ?? ''}
          onChange={(text) => onChange({ ...value, [category]: text })}
        />
      ))}
    </details>
  );
}
