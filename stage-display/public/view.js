/* global window, document, URLSearchParams */
// Runs before the stylesheet paints anything: the stream overlay's page must stay transparent from
// its first frame, or OBS would put the app's dark background on air while the page loads.
if (new URLSearchParams(window.location.search).get('view') === 'overlay')
  document.documentElement.classList.add('overlay-page');
