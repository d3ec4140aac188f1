import './jitless.js';
import './theme.css';

export { I18nProvider, detectLang, useLang, useT, type Translate } from './i18n.js';
export { startApp } from './startApp.js';
export { PinSignIn, type PinSignInProps } from './PinSignIn.js';
export { ConnectionIndicator } from './ConnectionIndicator.js';
export {
  ShowClientProvider,
  useCurrentCue,
  useSession,
  useShow,
  useShowClient,
  type ShowClientProviderProps,
} from './ShowClientProvider.js';
export { usePageTitle } from './usePageTitle.js';
export { useServerNow } from './useServerNow.js';
export { warmUp } from './warmUp.js';
