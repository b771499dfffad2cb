/**
 * Touch target sizes (WCAG 2.2, 2.5.8): every control at least 24 px — also guaranteed on
 * phones by a base rule in app/globals.css — and primary actions at least 44 px on phones
 * (under 600 px wide), where a finger, not a pointer, aims. One place, so every button of a
 * kind is the same size; Tailwind reads these class names from this file.
 */
export const TARGET = 'min-h-6 min-w-6';

/** Primary actions (Don't understand, Park, vote +/−, Join, Check consensus): 44 px on phones. */
export const PRIMARY_TARGET = 'min-h-6 min-w-6 max-[600px]:min-h-11 max-[600px]:min-w-11';

/** Inside the phone's full-screen vote and consensus card: 44 px at every width. */
export const CARD_TARGET = 'min-h-11 min-w-11';
