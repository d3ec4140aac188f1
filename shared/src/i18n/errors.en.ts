import type { errorsRu } from './errors.ru.js';

import { plural } from './englishPlural.js';
import type { PluralForms as Forms } from './ru.js';

/** English words for refusals, key for key with errors.ru.ts. */
export const errorsEn: {
  [K in keyof typeof errorsRu]: (typeof errorsRu)[K] extends string ? string : Forms;
} = {
  'error.code.UNAUTHORIZED': 'Please sign in again with your PIN.',
  'error.code.FORBIDDEN': 'Your role cannot do this.',
  'error.code.INVALID_PAYLOAD': 'Not accepted: check the data and try again.',
  'error.code.STALE_REVISION': 'The show moved on while you decided. Check the screen and try again.',
  'error.code.GO_TOO_SOON': 'Too fast: the second press was not counted.',
  'error.code.NOT_FOUND': 'Not found.',
  'error.code.END_OF_SHOW': 'This is the last cue of the programme.',
  'error.code.START_OF_SHOW': 'This is the first cue of the programme.',
  'error.code.RATE_LIMITED': 'Too many requests. Please wait a little.',
  'error.code.PAYLOAD_TOO_LARGE': 'The request is too large.',
  'error.code.PROTOCOL_MISMATCH': 'Reload the page: this version is out of date.',
  'error.code.BAD_PIN': 'Wrong PIN',
  'error.code.CONFLICT': 'This cannot be done now: the data is in use.',
  'error.code.UNKNOWN_EVENT': 'Unknown command.',
  'error.code.INTERNAL': 'Internal server error; nothing changed.',
  'error.code.INSUFFICIENT_STORAGE': 'The server’s disk is full.',
  'error.code.TIMEOUT': 'No connection to the server',
  // Reasons: finer than the code, with the values the words need.
  'error.showEnded': 'The ceremony has ended: there are no more cues.',
  'error.staleRevision':
    'The show has changed already (revision {revision}; the command was for {expected}).',
  'error.goTooSoon': 'A second GO within {guardMs} ms was ignored.',
  'error.autoFollowStale': 'The auto-follow is out of date: the host has already moved on.',
  'error.showStart': 'This is the first cue: there is nothing to go back to.',
  'error.cueNotFound': 'There is no cue “{cueId}” in the scenario.',
  'error.noVideoOnScreen': 'There is no video on screen now.',
  'error.invalidField': 'Invalid data — {field}: {problem}',
  'error.invalidFields': plural(
    'Invalid data — {field}: {problem} (and {n} more field)',
    'Invalid data — {field}: {problem} (and {n} more fields)',
  ),
  'error.foreignHost': 'A request to another server name or from another page was refused.',
  'error.emptySpreadsheet': 'The file is empty: send a CSV or .xlsx in the request body.',
  'error.httpsOnly': 'Only over the secure address: {address}',
  'error.mediaNameUnreadable': 'The file name in the address cannot be read.',
  'error.tokenNeeded': 'A valid token is needed: sign in with your PIN.',
  'error.roleForbidden': 'The role “{role}” cannot do this.',
  'error.guestNotFound': 'There is no such guest.',
  'error.bodyNotJson': 'The request body cannot be read as JSON.',
  'error.mediaNotFound': 'There is no such media file.',
  'error.mappingNotJson': 'mapping: expected JSON {"header": "field"}.',
  'error.deviceNotFound': 'There is no such active device.',
  'error.scenarioRejected': 'The scenario was not accepted — {problems}',
  'error.scenarioImportWhileRunning':
    'The show is running: the scenario was not replaced. If this was a rehearsal, end it in “Prepare → Ceremony” and try again; during the evening itself the scenario can only be replaced with force=1.',
  'error.feedbackTooOften': 'Thank you, your feedback has already arrived. Please try again later.',
  'error.packageBodyMissing': 'Send the ceremony file in the request body (with Content-Length).',
  'error.packageIdInvalid': 'Invalid number of the uploaded file.',
  'error.unknownEvent': 'Unknown event “{event}”.',
  'error.eventForbidden': 'The role “{role}” cannot send {event}.',
  'error.deviceTooFast': 'Too many requests from this device; please wait a little.',
  'error.noRootCertificate': 'HTTPS is off: there is no root certificate.',
  'error.apiNotFound': 'There is no such API address.',
  'error.stationNotFound': 'There is no such station.',
  'error.visitGone': 'This visit is no longer at the station.',
  'error.guestNotAtStation': 'This guest is not at the station.',
  'error.nothingToUndo': 'This guest is not checked in: there is nothing to undo.',
  'error.scenarioEditStale':
    'The scenario was not saved: the show changed while you were editing (revision {revision}; the edit was for {expected}). Open the editor again.',
  'error.scenarioNotSaved': 'The scenario was not saved — {problems}',
  'error.packageNoRoom':
    'Not enough room on the disk: the file is {size}, {free} free. Free some space and try again.',
  'error.packageGone':
    'There is no such uploaded ceremony file (it expired or was cancelled): upload it again.',
  'error.packageWhileRunning':
    'The show is running: the ceremony can only be replaced before it starts or after it ends. Nothing changed.',
  'error.packageNotFound': 'There is no such uploaded ceremony file.',
  'error.newCeremonyWhileRunning':
    'The show is running: a new ceremony can be started once it ends, or after “End rehearsal” in “Prepare → Ceremony”.',
  'error.nominationNotFound': 'There is no such nomination.',
  'error.nominationOrder': 'The order must list every nomination exactly once.',
  'error.nominationCodeUnknown': 'There is no nomination with the code “{id}”.',
  'error.nomineeCodeTaken': 'A nominee with the code “{id}” already exists.',
  'error.nomineeNotFound': 'There is no such nominee.',
  'error.nomineeCodeFixed': 'A nominee’s code cannot be changed.',
  'error.mediaEnding': 'The file name must end in one of: {endings}.',
  'error.mediaNameTooLong': 'The file name is too long for the disk: shorten it.',
  'error.mediaExists': 'The file “{name}” is already in the media library.',
  'error.uploadAborted': 'The upload broke off: the file was not saved.',
  'error.emptyFile': 'The file is empty.',
  'error.mediaNameDisk': 'The server’s disk does not accept this file name: rename the file.',
  'error.mediaMissing': 'The file “{name}” is not in the media library.',
  'error.mediaInUse': 'The file “{name}” is in use: {users}. Remove it from there first.',
  'error.mediaDiskFull': 'There is no room on the server’s disk for this file: it was not saved.',
  'error.mediaKind': 'This is not JPEG, PNG, WebP, MP4, WebM or WebVTT: the file was not saved.',
  'error.mediaTooLarge': 'The file is larger than allowed ({mb} MB): it was not saved.',
  'error.badPin': 'Wrong PIN.',
  'error.pinBrake': 'Too many wrong PINs from this address. Try again in {retryAfterS} s.',
  'error.pairingCodeInvalid': 'The pairing code is not valid: it was used already or has expired.',
  'error.roleDeviceCap': plural(
    '{n} device of this role is signed in already: the admin can disconnect unneeded ones in “Devices”.',
    '{n} devices of this role are signed in already: the admin can disconnect unneeded ones in “Devices”.',
  ),
  'error.xlsxBomb':
    'The Excel workbook unpacks to more than {mb} MB: this is not a guest list. Open it in Excel and save it again as “Excel Workbook (.xlsx)” or “CSV UTF-8”.',
  'error.xlsxUnreadable':
    'The file cannot be read as an Excel workbook (.xlsx): it is damaged or in another format. Open it in Excel and save it again as “Excel Workbook (.xlsx)” or “CSV UTF-8”.',
  'error.xlsLegacy':
    'The old Excel 97–2003 format (.xls) is not supported. Open it in Excel and save it again as “Excel Workbook (.xlsx)” or “CSV UTF-8”.',
  'error.reissueUndoGone': 'This reissue can no longer be undone.',
  'error.reissueScanned': 'The new badge has been scanned already; the reissue cannot be undone.',
  'error.reissueCodeChanged': 'The badge code has changed already; the reissue cannot be undone.',
  'error.programWhileRunning': 'The programme cannot be rebuilt while the ceremony is running.',
  'error.nominationIdUnknown': 'There is no nomination {id}.',
  'error.nominationInUse': plural(
    'The nomination “{title}” is used by {n} nominee ({nominees}) and programme cues: {cueCount} ({cues}).',
    'The nomination “{title}” is used by {n} nominees ({nominees}) and programme cues: {cueCount} ({cues}).',
  ),
  'error.nominationHasNominees': plural(
    'The nomination “{title}” is used by {n} nominee ({nominees}).',
    'The nomination “{title}” is used by {n} nominees ({nominees}).',
  ),
  'error.nominationHasCues': plural(
    'The nomination “{title}” is used by {n} programme cue ({cues}).',
    'The nomination “{title}” is used by {n} programme cues ({cues}).',
  ),
  'error.nomineeShown': plural(
    'The nominee “{name}” is shown by {n} programme cue ({cues}): remove them from there first.',
    'The nominee “{name}” is shown by {n} programme cues ({cues}): remove them from there first.',
  ),
  'error.import.noHeaderLine': 'The file is empty: there is no header line.',
  'error.import.quoteNotClosed':
    'A quote is opened and not closed on this line. End a quoted cell with a quote, and write a quote inside a cell as two ("").',
  'error.import.textAfterQuote':
    'There is more text in the cell after the closing quote. Write a quote inside a cell as two quotes ("") or put the whole cell in quotes.',
  'error.import.quoteInCell':
    'A quote in the middle of a cell. Put the whole cell in quotes and write the quote inside as two ("").',
  'error.import.csvUnreadable': 'The line cannot be read as CSV: check the quotes and separators.',
  'error.import.extraCells':
    'Extra cells: {cells} instead of {width}. A cell seems to hold the separator “{delimiter}” without quotes.',
  'error.import.noNameColumn': 'There is no “ФИО” (name) column.',
  'error.import.noCategoryColumn': 'There is no “Категория” (category) column.',
  'error.import.twoColumns': 'Two columns for one field “{field}”: remove the extra one.',
  'error.import.sameId': 'Repeats the guest of line {first}: the same ID.',
  'error.import.samePerson': 'Repeats the guest of line {first}: the same name and organisation.',
  'error.import.badgeCodeRepeated': 'The badge code is already given on line {first}.',
  'error.import.noGuests': 'The file has no guests.',
  'error.import.emptyName': 'The name is empty.',
  'error.import.emptyCategory': 'The category is empty.',
  'error.import.unknownCategory':
    'Unknown category “{value}”: номинант, лауреат, официальный гость, гость, пресса or волонтёр.',
  'error.import.consentYesNo': 'Consent to personal data processing: “{value}” — expected «да» or «нет».',
  'error.import.badEmail': 'Invalid e-mail “{value}”.',
  'error.import.badPhone': 'Invalid phone “{value}”.',
  'error.import.nomineeUnknown': 'There is no nominee with the code “{id}”.',
  'error.import.badgeCodeFormat': 'The badge code “{value}” is not in the SL-… format',
  'error.import.badgeCodeTaken': 'The badge code “{value}” is already given to another guest or revoked.',
  'error.import.rowInvalid': '{field}: {problem}',
  'error.import.noNomineeColumn': 'There is no “Номинант” (or “ФИО / Название”) column.',
  'error.import.noNominationColumn': 'There is no “Номинация” column.',
  'error.import.emptyNominee': 'The nominee’s name is empty.',
  'error.import.noNomination': 'No nomination is given.',
  'error.import.nominationUnknown': 'There is no nomination “{value}”: add it under “Nominations” first.',
  'error.import.kindUnknown': 'Type “{value}”: expected «Организация», «СОНКО», «Житель» or «Гражданин».',
  'error.import.honouredYesNo': 'Laureate: “{value}” — expected «да», «нет» or empty.',
  'error.import.consentYesNoEmpty':
    'Consent to personal data processing: “{value}” — expected «да», «нет» or empty.',
  'error.import.noNominees': 'The file has no nominees.',
  'error.import.nomineeRepeated': 'Repeated: “{name}” is already in this nomination on line {first}.',
  'error.package.partTooLarge':
    'The file “{file}” in the package is too large ({size} bytes). Nothing changed.',
  'error.package.partNotJson': 'The file “{file}” in the package cannot be read as JSON. Nothing changed.',
  'error.package.noManifest': 'This is not a ceremony file: the package has no description. Nothing changed.',
  'error.package.newerVersion':
    'The file was made by a newer version of the program (format {version}; this one reads up to {readable}). Update the program on this computer. Nothing changed.',
  'error.package.manifestBroken': 'The package description (manifest.json) is damaged. Nothing changed.',
  'error.package.mediaTwice': 'The media file “{name}” is listed twice in the package. Nothing changed.',
  'error.package.guestsInvalid':
    'The guest list in the package was not accepted: {field}: {problem} Nothing changed.',
  'error.package.guestTwice': 'The guest “{id}” is in the package twice. Nothing changed.',
  'error.package.badgeTwice': 'The badge code of the guest “{name}” repeats. Nothing changed.',
  'error.package.foreignEntry':
    'The package holds a foreign entry “{name}” ({type}): the file was changed or damaged. Nothing changed.',
  'error.package.scenarioInvalid':
    'The scenario in the package was not accepted — {problems} Nothing changed.',
  'error.package.unlistedFile':
    'The package holds an extra file “{name}” its description does not list. Nothing changed.',
  'error.package.mediaSize':
    'The media file “{name}” in the package has a different size than listed: the file is damaged. Nothing changed.',
  'error.package.mediaHash':
    'The media file “{name}” in the package is damaged: its content does not match the description. Nothing changed.',
  'error.package.foreignFile':
    'The package holds a foreign file “{name}”: it was changed or damaged. Nothing changed.',
  'error.package.cut':
    'The file is cut short: it was not copied completely. Save the ceremony again in the office. Nothing changed.',
  'error.package.aborted': 'The upload was interrupted. Nothing changed.',
  'error.package.notCeremony': 'This is not a ceremony file (.ceremony), or it is damaged. Nothing changed.',
  'error.package.empty': 'This is not a ceremony file (.ceremony): it is empty or damaged. Nothing changed.',
  'error.package.noScenario':
    'The file is cut short: it has no scenario. Save the ceremony again in the office. Nothing changed.',
  'error.package.noGuests':
    'The file is cut short: it has no guest list. Save the ceremony again in the office. Nothing changed.',
  'error.package.mediaMissing':
    'The package lacks media files: {names}. Save the ceremony again in the office. Nothing changed.',
  'error.package.scenarioMediaMissing':
    'The scenario names files the package lacks: {names}. Upload them to the media library in the office and save the ceremony again. Nothing changed.',
  'error.noAnswer': 'The server did not answer in time',
  'error.tooLargeToSend': 'The data is too large to send.',
  'error.signInHeld': 'Too many attempts. Try again in {retryAfterS} s.',
  'error.notJsonFile': 'The file cannot be read as JSON: choose a saved scenario (.json).',
  'error.package.mediaName': 'Invalid media file name “{name}” in the package. Nothing changed.',
  'error.mediaName.empty': 'The file name is empty.',
  'error.mediaName.tooLong': 'The file name is longer than {max} characters.',
  'error.mediaName.slash': 'A file name cannot contain “/” or “\\”.',
  'error.mediaName.dots': 'A file name cannot contain “..”.',
  'error.mediaName.control': 'A file name cannot contain control characters.',
  'error.mediaName.leadingDot': 'A file name cannot start with a dot.',
  // The seating zones' setting (#12 made zones the ceremony's data); kept here to spare ru.ts a merge.
  'zones.title': 'Seating zones for guests without a seat',
  'zones.hint': 'Check-in shows these words to the guest at the door. An empty field names no zone.',
};
