// Embed mode from the first paint, so an iframe never flashes the full page
// while the core loads; the core reads the link properly and confirms it
// (main.js, showScene). A classic script, run before the page is drawn.
if (/[?&]embed=(1|true|on)?(&|$)/.test(location.search)) document.body.classList.add('embed');
