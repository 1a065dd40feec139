/* global document, window */
document.getElementById('app').textContent = `Acme Dental (${window.API_BASE})`;
