/**
 * Browser code, part 3: wiring the composer, the "+" panel, the sheet and the live stream.
 */
export const CLIENT_CONTROLS_JS = `
function sendText() {
  var input = $('input');
  var text = input.value;
  if (!text.trim()) return;
  input.value = '';
  $('send').hidden = true;
  $('plus').hidden = false;
  act({ action: 'say', text: text });
}

function readImage(file) {
  var reader = new FileReader();
  reader.onload = function () {
    var data = String(reader.result);
    act({ action: 'image', data: data.slice(data.indexOf(',') + 1), filename: file.name });
  };
  reader.readAsDataURL(file);
}

function togglePanel(form) {
  $('card-form').hidden = form !== 'card';
  $('enter-form').hidden = form !== 'enter';
}

function wire() {
  var input = $('input');
  input.addEventListener('input', function () {
    var empty = !input.value;
    $('send').hidden = empty;
    $('plus').hidden = !empty;
  });
  input.addEventListener('keydown', function (e) { if (e.key === 'Enter' && !e.isComposing) sendText(); });
  $('send').addEventListener('click', sendText);
  $('plus').addEventListener('click', function () { $('panel').hidden = !$('panel').hidden; togglePanel(null); });
  $('card-tool').addEventListener('click', function () { togglePanel('card'); });
  $('enter-tool').addEventListener('click', function () { togglePanel('enter'); });
  $('image-input').addEventListener('change', function (e) {
    var file = e.target.files && e.target.files[0];
    if (file) readImage(file);
    e.target.value = '';
    $('panel').hidden = true;
  });
  $('card-form').addEventListener('submit', function (e) {
    e.preventDefault();
    act({ action: 'card', title: $('card-title').value, pagePath: $('card-path').value });
    $('panel').hidden = true;
  });
  $('enter-form').addEventListener('submit', function (e) {
    e.preventDefault();
    act({ action: 'enter', sessionFrom: $('session-from').value });
    $('panel').hidden = true;
  });
  $('sheet-close').addEventListener('click', function () { $('sheet').hidden = true; });
  $('sheet').addEventListener('click', function (e) { if (e.target === $('sheet')) $('sheet').hidden = true; });
  $('conversation').addEventListener('change', function (e) { state.current = e.target.value; renderAll(); });
  $('new-user').addEventListener('click', function () { state.current = newUserKey(); refreshSelect(); renderAll(); });
}

function connect() {
  var source = new EventSource('/sim/events');
  source.onmessage = function (message) { handleEvent(JSON.parse(message.data)); };
  // After a reconnect, events may have been missed: reload (entries are de-duplicated by id).
  source.onopen = function () { if (state.ready) load(); };
}

wire();
connect();
load();
`;
