#!/bin/sh
# Makes assets/fonts/Hangul{Regular,Bold}.otf from Debian's Noto Sans CJK KR
# (see assets/fonts/README.md). Needs: apt-get install fonts-noto-cjk python3-fonttools.
set -eu
cd "$(dirname "$0")/../assets/fonts"
src=/usr/share/fonts/opentype/noto
for w in Regular Bold; do
	/usr/bin/python3 -m fontTools.subset "$src/NotoSansCJK-$w.ttc" --font-number=1 \
		--unicodes=U+0020,U+00A0,U+3000,U+AC00-D7A3,U+3131-318E,U+1100-11FF \
		--no-hinting --layout-features='' --name-IDs='*' --output-file="/tmp/hangul-$w.otf"
	/usr/bin/python3 - "$w" <<'PY'
import sys
from fontTools.ttLib import TTFont
w = sys.argv[1]
f = TTFont("/tmp/hangul-%s.otf" % w)
h, o = f["hhea"], f["OS/2"]
# Noto Sans's line metrics, so that Hangul and Latin share a baseline.
h.ascent, h.descent, h.lineGap = 1069, -293, 0
o.sTypoAscender, o.sTypoDescender, o.sTypoLineGap = 1069, -293, 0
o.usWinAscent, o.usWinDescent = 1069, 293
# A space inside Hangul text is drawn with this face (the shaper keeps
# spaces in the run they are in): give it Noto Sans's width.
for g in ("space", "uni00A0", "nbspace", "cid00001"):
    if g in f["hmtx"].metrics:
        f["hmtx"].metrics[g] = (260, f["hmtx"].metrics[g][1])
cmap = f.getBestCmap()
for cp in (0x20, 0xA0):
    if cp in cmap:
        f["hmtx"].metrics[cmap[cp]] = (260, f["hmtx"].metrics[cmap[cp]][1])
fam = "oauthdesk Hangul"
for rec in f["name"].names:
    if rec.nameID in (1, 16):
        rec.string = fam
    elif rec.nameID == 4:
        rec.string = fam + " " + w
    elif rec.nameID == 3:
        rec.string = fam + " " + w + " (subset of Noto Sans CJK KR)"
    elif rec.nameID == 6:
        rec.string = "oauthdeskHangul-" + w
    elif rec.nameID == 17:
        rec.string = w
f.save("Hangul%s.otf" % w)
PY
	rm -f "/tmp/hangul-$w.otf"
done
