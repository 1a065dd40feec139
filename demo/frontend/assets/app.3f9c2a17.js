/* global document */
const root = document.getElementById('root');
fetch('/api/v1/reports?status=open')
  .then((r) => r.json())
  .then((reports) => {
    root.textContent = `${reports.length} open reports`;
  });
