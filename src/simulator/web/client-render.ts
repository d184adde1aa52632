/**
 * Browser code, part 1: turning chat entries into WeChat-looking DOM. Plain ES2017 served as
 * text (no build step); every value from the bot goes in through textContent or a checked URL,
 * never innerHTML. Kept free of template literals so it can live in a TS template string.
 */
export const CLIENT_RENDER_JS = `
var FIVE_MINUTES = 5 * 60 * 1000;

function el(tag, className, text) {
  var node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

function pad2(n) { return (n < 10 ? '0' : '') + n; }

function timeLabel(ms) {
  var d = new Date(ms);
  return pad2(d.getHours()) + ':' + pad2(d.getMinutes());
}

function safeHttpUrl(url) {
  return typeof url === 'string' && /^https?:\\/\\//i.test(url) ? url : '';
}

function systemLine(className, text, problem) {
  var line = el('div', 'system ' + className);
  line.appendChild(el('span', 'pill', text));
  if (problem) line.appendChild(el('div', 'problem', problem));
  return line;
}

function renderSystem(entry) {
  if (entry.kind === 'enter') {
    var text = '你通过客服按钮进入了会话' + (entry.sessionFrom ? '（session-from: ' + entry.sessionFrom + '）' : '');
    return systemLine('enter', text);
  }
  if (entry.kind === 'transfer') return systemLine('transfer', '已转接人工客服');
  return systemLine('notice', entry.text, entry.problem);
}

// Text may hold mini-program links: <a href="…" data-miniprogram-path="…">label</a> (SPEC §4.2).
function renderText(text, fromBot) {
  var bubble = el('div', 'bubble');
  if (!fromBot) { bubble.textContent = text; return bubble; }
  var pattern = /<a\\s([^>]*)>([\\s\\S]*?)<\\/a>/g;
  var last = 0, match;
  while ((match = pattern.exec(text)) !== null) {
    bubble.appendChild(document.createTextNode(text.slice(last, match.index)));
    bubble.appendChild(textLink(match[1], match[2]));
    last = pattern.lastIndex;
  }
  bubble.appendChild(document.createTextNode(text.slice(last)));
  return bubble;
}

function attribute(attrs, name) {
  var found = new RegExp(name + '\\\\s*=\\\\s*"([^"]*)"').exec(attrs);
  return found ? found[1] : '';
}

function textLink(attrs, label) {
  var path = attribute(attrs, 'data-miniprogram-path');
  var href = safeHttpUrl(attribute(attrs, 'href'));
  var link = el('span', 'mp-link', label);
  link.addEventListener('click', function () {
    if (path) showSheet('打开小程序页面', '文字链接打开小程序（不触发 bindcontact）', { path: path });
    else if (href) window.open(href, '_blank', 'noopener');
  });
  return link;
}

function renderImage(entry) {
  var box = el('div', 'image');
  var img = el('img');
  img.src = entry.url;
  img.alt = '图片';
  box.appendChild(img);
  return box;
}

function renderMiniProgramCard(entry, fromBot) {
  var card = el('div', 'card mp');
  var head = el('div', 'card-head');
  head.appendChild(el('span', 'logo'));
  head.appendChild(el('span', '', fromBot ? '小程序' : (entry.appId || '小程序')));
  card.appendChild(head);
  card.appendChild(el('div', 'card-title', entry.title));
  var cover = el('img', 'cover');
  if (entry.thumbUrl) cover.src = entry.thumbUrl;
  cover.alt = '';
  card.appendChild(cover);
  var foot = el('div', 'card-foot');
  foot.appendChild(el('span', 'mp-icon'));
  foot.appendChild(el('span', '', '小程序'));
  card.appendChild(foot);
  card.addEventListener('click', function () {
    if (fromBot) {
      showSheet('bindcontact', '用户点击卡片返回小程序，handleContact(e) 收到：', entry.contact);
    } else {
      showSheet('打开小程序页面', '用户自己分享的卡片，点击打开：', { appId: entry.appId, pagePath: entry.pagePath });
    }
  });
  return card;
}

function renderLink(entry) {
  var card = el('div', 'card link');
  card.appendChild(el('div', 'card-title', entry.title));
  var body = el('div', 'link-body');
  body.appendChild(el('div', 'link-desc', entry.description));
  var thumb = el('img', 'link-thumb');
  var thumbUrl = safeHttpUrl(entry.thumbUrl);
  if (thumbUrl) thumb.src = thumbUrl;
  thumb.alt = '';
  body.appendChild(thumb);
  card.appendChild(body);
  card.addEventListener('click', function () {
    var url = safeHttpUrl(entry.url);
    if (url) window.open(url, '_blank', 'noopener');
  });
  return card;
}

function renderContent(entry) {
  var fromBot = entry.from === 'bot';
  switch (entry.kind) {
    case 'text': return renderText(entry.text, fromBot);
    case 'image': return renderImage(entry);
    case 'miniprogrampage': return renderMiniProgramCard(entry, fromBot);
    case 'link': return renderLink(entry);
    default: return el('div', 'bubble', '[' + entry.msgtype + ' 消息，模拟器暂不显示]');
  }
}

function renderEntry(entry) {
  if (entry.from === 'system') return renderSystem(entry);
  var row = el('div', 'row ' + entry.from);
  row.setAttribute('data-id', String(entry.id));
  row.appendChild(el('div', 'avatar', entry.from === 'bot' ? '客' : '我'));
  var content = el('div', 'content');
  content.appendChild(renderContent(entry));
  row.appendChild(content);
  return row;
}

function typingRow() {
  var row = el('div', 'row bot typing-row');
  row.appendChild(el('div', 'avatar', '客'));
  var content = el('div', 'content');
  var dots = el('div', 'typing');
  dots.appendChild(el('i')); dots.appendChild(el('i')); dots.appendChild(el('i'));
  content.appendChild(dots);
  row.appendChild(content);
  return row;
}
`;
