// What a portal adds to size an iframe that shows the widget: tell the framed page which origin
// may read its height (?parent-origin=, see README "Embedding in an iframe"), then listen for the
// widget's height messages from that frame only, and apply them.
const frame = document.getElementById('hrs-frame');
frame.src = `index.html?parent-origin=${encodeURIComponent(window.location.origin)}`;
window.addEventListener('message', (event) => {
  if (event.source !== frame.contentWindow) return;
  const data = event.data;
  if (data && data.type === 'hrs-widget:height' && Number.isFinite(data.height)) {
    frame.style.height = `${Math.max(200, Math.min(20000, data.height))}px`;
  }
});
