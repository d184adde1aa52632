/** The chat page's look: WeChat's colours (#ededed background, #95ec69 own bubbles), phone width. */
export const PAGE_CSS = `
* { box-sizing: border-box; }
html, body { margin: 0; height: 100%; background: #d9d9d9; }
body { font: 16px/1.4 -apple-system, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "WenQuanYi Micro Hei", "Noto Sans CJK SC", sans-serif; color: #111; }
[hidden] { display: none !important; }
button, input, select { font: inherit; }
#phone { max-width: 420px; height: 100%; margin: 0 auto; display: flex; flex-direction: column; background: #ededed; box-shadow: 0 0 12px rgba(0,0,0,.15); }
#devbar { display: flex; gap: 6px; align-items: center; padding: 4px 8px; background: #2e2e2e; color: #ddd; font-size: 12px; }
#devbar select { flex: 1; min-width: 0; font-size: 12px; background: #444; color: #eee; border: 0; border-radius: 3px; padding: 2px 4px; }
#devbar button { font-size: 12px; background: #444; color: #eee; border: 0; border-radius: 3px; padding: 2px 8px; cursor: pointer; }
.sim-tag { background: #07c160; color: #fff; border-radius: 3px; padding: 0 5px; }
#titlebar { display: flex; align-items: center; height: 48px; padding: 0 12px; border-bottom: 1px solid #d6d6d6; background: #ededed; }
#titlebar .back { font-size: 30px; width: 28px; color: #111; }
#titlebar .more { width: 28px; text-align: right; font-weight: bold; }
#titlebar .title { flex: 1; text-align: center; }
#title { font-size: 17px; font-weight: 500; }
#subtitle { font-size: 11px; color: #888; min-height: 0; }
#transfer-banner { background: #fdf6e3; color: #a06a00; font-size: 13px; text-align: center; padding: 6px; border-bottom: 1px solid #f0e0b8; }
#webhook-info { font-size: 11px; color: #999; text-align: center; padding: 2px 8px 0; }
#messages { flex: 1; overflow-y: auto; padding: 8px 12px 16px; }
.time, .system { text-align: center; margin: 14px auto; font-size: 12px; color: #9e9e9e; max-width: 85%; }
.system span.pill { display: inline-block; background: rgba(0,0,0,.07); color: #888; border-radius: 4px; padding: 3px 8px; }
.system.notice span.pill { color: #666; }
.system.transfer span.pill { background: #e1f3e8; color: #07a152; }
.system .problem { margin-top: 4px; font-size: 11px; color: #c48a8a; word-break: break-word; }
.row { display: flex; align-items: flex-start; margin: 14px 0; }
.row.user { flex-direction: row-reverse; }
.avatar { flex: none; width: 40px; height: 40px; border-radius: 4px; display: flex; align-items: center; justify-content: center; color: #fff; font-size: 16px; }
.row.bot .avatar { background: #5d8ad8; }
.row.user .avatar { background: #a5a5a5; }
.content { max-width: calc(100% - 110px); margin: 0 10px; position: relative; }
.bubble { position: relative; padding: 9px 12px; border-radius: 4px; background: #fff; word-break: break-word; white-space: pre-wrap; font-size: 16px; line-height: 1.45; min-height: 40px; }
.row.user .bubble { background: #95ec69; }
.bubble::before { content: ""; position: absolute; top: 14px; width: 0; height: 0; border: 6px solid transparent; }
.row.bot .bubble::before { left: -11px; border-right-color: #fff; }
.row.user .bubble::before { right: -11px; border-left-color: #95ec69; }
.bubble a, .bubble .mp-link { color: #576b95; text-decoration: none; cursor: pointer; }
.image img { display: block; max-width: 160px; max-height: 200px; min-width: 40px; min-height: 40px; border-radius: 4px; background: #ddd; image-rendering: auto; }
.card { width: 228px; background: #fff; border-radius: 4px; cursor: pointer; overflow: hidden; }
.card .card-head { display: flex; align-items: center; gap: 6px; font-size: 12px; color: #888; padding: 8px 12px 0; }
.card .card-head .logo { width: 16px; height: 16px; border-radius: 50%; background: #7e8ef5; }
.card .card-title { padding: 4px 12px 8px; font-size: 15px; color: #111; line-height: 1.35; }
.card .cover { display: block; width: 204px; height: 163px; margin: 0 12px; object-fit: cover; background: #e6e6e6; }
.card .card-foot { display: flex; align-items: center; gap: 5px; margin-top: 8px; padding: 6px 12px; border-top: 1px solid #eee; font-size: 12px; color: #888; }
.card .card-foot .mp-icon { width: 12px; height: 12px; border: 2px solid #6467f0; border-radius: 50%; }
.card.link .link-body { display: flex; gap: 8px; padding: 0 12px 12px; }
.card.link .link-desc { flex: 1; font-size: 13px; color: #888; }
.card.link .link-thumb { width: 48px; height: 48px; object-fit: cover; background: #eee; }
.typing { color: #888; font-size: 13px; padding: 9px 12px; background: #fff; border-radius: 4px; }
.typing i { display: inline-block; width: 6px; height: 6px; margin: 0 2px; border-radius: 50%; background: #bbb; animation: blink 1.2s infinite; }
.typing i:nth-child(2) { animation-delay: .2s; } .typing i:nth-child(3) { animation-delay: .4s; }
@keyframes blink { 0%, 80%, 100% { opacity: .3; } 40% { opacity: 1; } }
#panel { background: #f7f7f7; border-top: 1px solid #ddd; padding: 12px; }
.tools { display: flex; gap: 22px; padding: 4px 8px; }
.tool { display: flex; flex-direction: column; align-items: center; gap: 6px; font-size: 12px; color: #666; background: none; border: 0; cursor: pointer; }
.tool-icon { width: 56px; height: 56px; border-radius: 10px; background: #fff; display: flex; align-items: center; justify-content: center; font-size: 20px; color: #555; }
.tool-form { display: flex; flex-direction: column; gap: 8px; margin-top: 12px; font-size: 13px; color: #555; }
.tool-form input { width: 100%; padding: 6px 8px; border: 1px solid #ddd; border-radius: 4px; background: #fff; }
.tool-form .hint { font-family: monospace; font-size: 11px; color: #999; }
#composer { display: flex; align-items: center; gap: 8px; padding: 8px 10px calc(8px + env(safe-area-inset-bottom)); background: #f7f7f7; border-top: 1px solid #ddd; }
#input { flex: 1; min-width: 0; height: 38px; padding: 0 10px; border: 0; border-radius: 4px; background: #fff; outline: none; }
#plus { width: 30px; height: 30px; border-radius: 50%; border: 1.5px solid #333; background: none; font-size: 18px; line-height: 1; cursor: pointer; padding: 0; }
.primary { background: #07c160; color: #fff; border: 0; border-radius: 4px; padding: 7px 14px; cursor: pointer; }
#sheet { position: fixed; inset: 0; background: rgba(0,0,0,.45); display: flex; align-items: flex-end; justify-content: center; }
.sheet-card { width: 100%; max-width: 420px; background: #fff; border-radius: 12px 12px 0 0; padding: 16px; }
#sheet-title { font-weight: 600; margin-bottom: 4px; }
#sheet-note { font-size: 12px; color: #888; margin-bottom: 8px; }
#sheet-body { background: #f6f8fa; border-radius: 6px; padding: 10px; font-size: 13px; white-space: pre-wrap; word-break: break-all; margin: 0 0 12px; }
#sheet-close { width: 100%; padding: 10px; border: 0; border-radius: 6px; background: #f2f2f2; cursor: pointer; }
#toast { position: fixed; left: 50%; top: 40%; transform: translateX(-50%); background: rgba(0,0,0,.75); color: #fff; padding: 10px 16px; border-radius: 8px; font-size: 14px; max-width: 300px; }
`;
