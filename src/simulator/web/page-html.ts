/**
 * The chat page: a phone-width WeChat chat (DESIGN §9). Static markup; `chat.js` fills it from
 * `/sim/state` and `/sim/events`. Chinese UI strings, as the user would see them.
 */
export const PAGE_HTML = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<title>微信客服模拟器</title>
<link rel="stylesheet" href="/chat.css">
</head>
<body>
<div id="phone">
  <div id="devbar">
    <span class="sim-tag">模拟器</span>
    <select id="conversation" aria-label="当前会话"></select>
    <button id="new-user" type="button">＋新用户</button>
  </div>
  <header id="titlebar">
    <span class="back" aria-hidden="true">‹</span>
    <div class="title"><div id="title">小程序客服</div><div id="subtitle"></div></div>
    <span class="more" aria-hidden="true">···</span>
  </header>
  <div id="transfer-banner" hidden>已转接人工客服，请稍候</div>
  <div id="webhook-info"></div>
  <main id="messages" aria-live="polite"></main>
  <div id="panel" hidden>
    <div class="tools">
      <label class="tool" id="image-tool"><span class="tool-icon">图</span><span>图片</span>
        <input id="image-input" type="file" accept="image/jpeg,image/png,image/gif" hidden></label>
      <button class="tool" id="card-tool" type="button"><span class="tool-icon">卡</span><span>小程序卡片</span></button>
      <button class="tool" id="enter-tool" type="button"><span class="tool-icon">客</span><span>客服按钮</span></button>
    </div>
    <form id="card-form" class="tool-form" hidden>
      <label>卡片标题 <input id="card-title" value="商品详情" required></label>
      <label>页面路径 <input id="card-path" value="pages/goods/detail?id=42" required></label>
      <button type="submit" class="primary">发送小程序卡片</button>
    </form>
    <form id="enter-form" class="tool-form" hidden>
      <div class="hint">模拟 &lt;button open-type="contact" session-from="…"&gt;</div>
      <label>session-from <input id="session-from" value="order_123"></label>
      <button type="submit" class="primary" id="enter-button">通过客服按钮进入会话</button>
    </form>
  </div>
  <footer id="composer">
    <input id="input" type="text" autocomplete="off" enterkeyhint="send" aria-label="输入消息">
    <button id="plus" type="button" aria-label="更多功能">＋</button>
    <button id="send" type="button" class="primary" hidden>发送</button>
  </footer>
</div>
<div id="sheet" hidden>
  <div class="sheet-card" role="dialog" aria-labelledby="sheet-title">
    <div id="sheet-title"></div>
    <div id="sheet-note"></div>
    <pre id="sheet-body"></pre>
    <button id="sheet-close" type="button">关闭</button>
  </div>
</div>
<div id="toast" hidden></div>
<script src="/chat.js"></script>
</body>
</html>
`;
