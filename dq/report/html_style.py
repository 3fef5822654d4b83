"""The report page's style sheet, inlined into every page (no external fonts or files)."""

from __future__ import annotations

from typing import Final

CSS: Final = """
:root{--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--bg:#fff;--soft:#f6f8fa;
--bad:#cf222e;--badbg:#ffebe9;--good:#1a7f37;--goodbg:#dafbe1;--mark:#fff1a8}
*{box-sizing:border-box}
body{margin:0;background:var(--soft);color:var(--ink);
font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif}
main{max-width:1180px;margin:0 auto;padding:20px 24px 40px}
header,section{background:var(--bg);border:1px solid var(--line);border-radius:8px;
padding:16px 20px;margin:0 0 16px}
h1{font-size:22px;margin:0 0 6px}h2{font-size:17px;margin:0 0 10px}
h3{font-size:15px;margin:18px 0 8px}
.muted{color:var(--muted);font-weight:normal}
code,pre,.rid{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,"Liberation Mono",monospace;
font-size:12.5px}
a{color:#0969da}
.verdict{margin:4px 0 10px}
.pill{display:inline-block;padding:2px 10px;border-radius:999px;font-weight:600;font-size:13px}
.pill.bad{background:var(--badbg);color:var(--bad)}
.pill.good{background:var(--goodbg);color:var(--good)}
.pill.warn,.tag.warn{background:#fff8c5;color:#7d4e00}
ul.over{margin:4px 0;padding-left:20px}
details.exblock{border-top:1px solid var(--line);padding:6px 0}
details.exblock>summary{cursor:pointer;font-weight:600;padding:4px 0}
ul.fixes{margin:0;padding:6px 10px 8px 30px;background:var(--soft);border-top:1px solid var(--line);
font-size:13px}
ul.fixes .action{color:var(--muted);font-style:italic}
.facts{display:grid;grid-template-columns:repeat(auto-fill,minmax(250px,1fr));gap:6px 18px;
margin:8px 0}
.facts div{min-width:0}.facts dt{color:var(--muted);font-size:12px}
.facts dd{margin:0;overflow-wrap:anywhere}
.links{margin:8px 0 4px}nav{font-size:13px;color:var(--muted)}
.alert{background:var(--badbg);border:1px solid #ffcecb;border-radius:6px;padding:8px 14px}
.alert p{margin:4px 0;font-weight:600;color:var(--bad)}.alert ul{margin:4px 0 6px;padding-left:20px}
.ok{color:var(--good)}
.tag{display:inline-block;font-size:11px;padding:0 6px;border-radius:4px;background:#eaeef2;
margin-right:4px}
.tag.bad{background:var(--badbg);color:var(--bad)}
table{border-collapse:collapse}
.grid{width:100%;margin:6px 0 10px}.grid.narrow{width:auto}
.grid th,.grid td{border-bottom:1px solid var(--line);padding:4px 8px;text-align:left;
vertical-align:top}
.grid th{font-size:12px;color:var(--muted);font-weight:600}
.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
td.pass{color:var(--good);font-weight:600}td.fail{color:var(--bad);font-weight:600}
tr.regressed td{background:#fff8f7}tr.zero td{color:#8c959f}
td.up{color:var(--bad);white-space:nowrap}td.down{color:var(--good);white-space:nowrap}
.bar{display:inline-block;width:70px;height:8px;background:#eaeef2;border-radius:4px;
vertical-align:middle;margin-left:6px;overflow:hidden}
.bar span{display:block;height:100%;background:#e16f24}
.scroll{overflow-x:auto}
.heat{font-size:12.5px}
.heat th,.heat td{border:1px solid #eaeef2;padding:3px 6px}
.heat th.src{text-align:left;font-weight:normal;max-width:260px;overflow-wrap:anywhere}
.heat th.vert{height:140px;vertical-align:bottom;padding:4px 2px;font-weight:normal}
.heat th.vert span{writing-mode:vertical-rl;transform:rotate(180deg);white-space:nowrap}
.heat td.hm{text-align:center;min-width:26px;font-variant-numeric:tabular-nums}
figure.chart{margin:8px 0 14px;overflow-x:auto}
figure.chart svg{width:100%;max-width:100%;height:auto}
.example{border:1px solid var(--line);border-radius:6px;margin:8px 0 12px;overflow:hidden}
.exhead{background:var(--soft);padding:5px 10px;border-bottom:1px solid var(--line);
overflow-wrap:anywhere}
.exhead .title{font-weight:600}
.example.new{border-color:#54aeff;border-left-width:4px}
.pill.new{background:#ddf4ff;color:#0550ae;padding:0 8px;font-size:12px}
.note{margin:6px 10px;color:var(--muted);font-style:italic}
pre.ctx{margin:0;padding:6px 0;white-space:pre-wrap;overflow-wrap:anywhere;background:var(--bg)}
.ctx .ln,.ctx .gap{display:block;padding:0 10px 0 54px;text-indent:-54px}
.ctx .ln.hit{background:#fff8e0}
.ctx .no{display:inline-block;width:44px;margin-right:10px;text-indent:0;text-align:right;
color:#8c959f;user-select:none}
.ctx .gap{color:#8c959f;padding-left:74px}
mark{background:var(--mark);color:inherit;outline:1px solid #e3c800;border-radius:2px}
code.excerpt{white-space:pre-wrap;overflow-wrap:anywhere}
footer{color:var(--muted);font-size:12px;text-align:center;padding:8px}
"""
