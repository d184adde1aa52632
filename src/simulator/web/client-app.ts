/**
 * Browser code, part 2: state, live updates (EventSource on /sim/events) and the user's actions
 * (POST /sim/action). Uses the functions of part 1 (client-render).
 */
export const CLIENT_APP_JS = `
var state = { apps: [], conversations: {}, current: null, ready: false, queued: [] };
var $ = function (id) { return document.getElementById(id); };

function key(appId, openid) { return appId + '\\n' + openid; }

function conversation(appId, openid) {
  var k = key(appId, openid);
  if (!state.conversations[k]) {
    state.conversations[k] = { appId: appId, openid: openid, transferred: false, typingUntil: null, entries: [], ids: {}, typingTimer: null };
  }
  return state.conversations[k];
}

function currentConversation() {
  return state.current ? state.conversations[state.current] : null;
}

function appOf(appId) {
  for (var i = 0; i < state.apps.length; i++) if (state.apps[i].appId === appId) return state.apps[i];
  return null;
}

function addEntry(appId, openid, entry) {
  var conv = conversation(appId, openid);
  if (conv.ids[entry.id]) return;
  conv.ids[entry.id] = true;
  conv.entries.push(entry);
  if (entry.from === 'bot') setTyping(conv, null, 0);
  if (state.current === key(appId, openid)) appendToView(conv, entry);
  else refreshSelect();
}

// The server says how long the indicator lasts in its own clock; count it down in ours.
function setTyping(conv, typingUntil, now) {
  if (conv.typingTimer) { clearTimeout(conv.typingTimer); conv.typingTimer = null; }
  conv.typingUntil = typingUntil;
  if (typingUntil) {
    conv.typingTimer = setTimeout(function () { conv.typingUntil = null; renderChrome(); }, Math.max(0, typingUntil - now));
  }
  renderChrome();
}

function applyState(s, now) {
  var conv = conversation(s.appId, s.openid);
  conv.transferred = s.transferred;
  setTyping(conv, s.typingUntil, now);
  refreshSelect();
}

function handleEvent(event) {
  if (!state.ready) { state.queued.push(event); return; }
  if (event.type === 'entry') addEntry(event.appId, event.openid, event.entry);
  else if (event.type === 'state') applyState(event.state, event.now);
  else if (event.type === 'config') load();
}

function load() {
  return fetch('/sim/state').then(function (r) { return r.json(); }).then(function (data) {
    state.apps = data.apps;
    data.conversations.forEach(function (c) {
      var conv = conversation(c.appId, c.openid);
      conv.transferred = c.transferred;
      c.entries.forEach(function (e) { if (!conv.ids[e.id]) { conv.ids[e.id] = true; conv.entries.push(e); } });
    });
    if (!state.current) {
      var first = data.conversations[0];
      state.current = first ? key(first.appId, first.openid) : newUserKey();
    }
    state.ready = true;
    state.queued.splice(0).forEach(handleEvent);
    refreshSelect();
    renderAll();
  });
}

function newUserKey() {
  var conv = currentConversation();
  var appId = conv ? conv.appId : (state.apps[0] && state.apps[0].appId);
  var n = 1;
  while (state.conversations[key(appId, 'o_sim_user_' + n)]) n++;
  conversation(appId, 'o_sim_user_' + n);
  return key(appId, 'o_sim_user_' + n);
}

function refreshSelect() {
  var select = $('conversation');
  var keys = Object.keys(state.conversations);
  select.textContent = '';
  keys.forEach(function (k) {
    var c = state.conversations[k];
    var option = el('option', '', (state.apps.length > 1 ? c.appId + ' · ' : '') + c.openid + (c.transferred ? '（人工）' : ''));
    option.value = k;
    option.selected = k === state.current;
    select.appendChild(option);
  });
}

function renderChrome() {
  var conv = currentConversation();
  if (!conv) return;
  var app = appOf(conv.appId);
  $('title').textContent = conv.typingUntil ? '对方正在输入...' : (app && app.kind === 'official-account' ? '公众号' : '小程序客服');
  $('subtitle').textContent = conv.appId + ' · ' + conv.openid;
  $('transfer-banner').hidden = !conv.transferred;
  var hook = app && app.webhook;
  $('webhook-info').textContent = hook ? '推送到 ' + hook.url + '（' + hook.format.toUpperCase() + '，' + modeName(hook.mode) + '）' : '未配置消息推送 URL';
  var view = $('messages');
  var row = view.querySelector('.typing-row');
  if (conv.typingUntil && !row) { view.appendChild(typingRow()); scrollDown(); }
  if (!conv.typingUntil && row) row.remove();
}

function modeName(mode) {
  return mode === 'safe' ? '安全模式' : mode === 'compatible' ? '兼容模式' : '明文模式';
}

function renderAll() {
  var conv = currentConversation();
  var view = $('messages');
  view.textContent = '';
  if (!conv) return;
  var lastAt = 0;
  conv.entries.forEach(function (entry) { lastAt = appendEntry(view, entry, lastAt); });
  conv.lastAt = lastAt;
  renderChrome();
  scrollDown();
}

function appendEntry(view, entry, lastAt) {
  if (entry.at - lastAt > FIVE_MINUTES) view.appendChild(el('div', 'time', timeLabel(entry.at)));
  view.appendChild(renderEntry(entry));
  return entry.at;
}

function appendToView(conv, entry) {
  var view = $('messages');
  var typing = view.querySelector('.typing-row');
  if (typing) typing.remove();
  conv.lastAt = appendEntry(view, entry, conv.lastAt || 0);
  renderChrome();
  scrollDown();
}

function scrollDown() { var view = $('messages'); view.scrollTop = view.scrollHeight; }

function showSheet(title, note, detail) {
  $('sheet-title').textContent = title;
  $('sheet-note').textContent = note;
  $('sheet-body').textContent = JSON.stringify(detail, null, 2);
  $('sheet').hidden = false;
}

function toast(text) {
  var t = $('toast');
  t.textContent = text;
  t.hidden = false;
  setTimeout(function () { t.hidden = true; }, 2500);
}

function act(body) {
  var conv = currentConversation();
  body.appId = conv.appId;
  body.openid = conv.openid;
  return fetch('/sim/action', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) })
    .then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || ('HTTP ' + r.status)); return j; }); })
    .catch(function (error) { toast('操作失败：' + error.message); });
}
`;
