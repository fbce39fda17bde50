#!/usr/bin/env bash
# Smoke-test a built bundle exactly as a clerk's machine would run it: no Python, no venv.
#
#   packaging/smoke_test.sh dist/perfdesk
#
# Every program runs under `env -i` with PATH set to an empty folder, HOME set to a scratch
# folder and PYTHONHOME/PYTHONPATH pointing nowhere: a bundle that secretly needed the
# system's or the venv's Python would fail here. While the GUI runs, /proc/PID/maps is
# checked to prove every Python library it loaded comes from inside the bundle.
#
# Checks: sample, export-json, export-pdf (pdffonts: every font embedded), export-xlsx and
# import-xlsx (when the bundle has them), validate (exit 1 expected: the sample has errors;
# its --json output is checked), an unreadable file (exit 2), and the GUI under Xvfb:
# main window, 打印预览 (QtPdf) and the 是/否 question box (Qt's own zh_CN translation).
# Screenshots go to $SMOKE_SHOTS (default: dist/smoke/ beside the bundle); look at them.
#
# Needs (Debian): xvfb xauth xdotool imagemagick poppler-utils, and a CJK font
# (fonts-wqy-microhei) plus the Qt xcb libraries that scripts/dev.py installs.
# Exits non-zero, with a message saying which check failed, on any failure.
set -euo pipefail

fail() { echo "smoke_test.sh: 失败 / FAILED: $*" >&2; exit 1; }
ok() { echo "smoke_test.sh: ok   $*"; }

[ $# -eq 1 ] || { echo "usage: $0 DIST_DIR   (e.g. dist/perfdesk)" >&2; exit 2; }
DIST="$(cd "$1" 2>/dev/null && pwd)" || fail "no such folder: $1"
GUI="$DIST/perfdesk"
CLI="$DIST/perfdesk-cli"
[ -x "$GUI" ] && [ -x "$CLI" ] || fail "$DIST has no perfdesk and perfdesk-cli programs"
for tool in pdffonts xvfb-run xdotool import; do
    command -v "$tool" >/dev/null || fail "missing tool '$tool' (apt-get install poppler-utils xvfb xauth xdotool imagemagick)"
done

SHOTS="${SMOKE_SHOTS:-$(dirname "$DIST")/smoke}"
mkdir -p "$SHOTS"
SHOTS="$(cd "$SHOTS" && pwd)"
WORK="$(mktemp -d /tmp/perfdesk-smoke.XXXXXX)"
GUI_PID=""
cleanup() {
    if [ -n "$GUI_PID" ] && kill -0 "$GUI_PID" 2>/dev/null; then kill "$GUI_PID" 2>/dev/null || true; fi
    rm -rf "$WORK"
}
trap cleanup EXIT
mkdir -p "$WORK/no-python-here" "$WORK/home"
cd "$WORK"

# The environment of every run: nothing inherited. LANG stays unset for the CLI (the C
# locale must work too); the GUI gets C.UTF-8 like a desktop session would give it.
CLEAN=(env -i "PATH=$WORK/no-python-here" "HOME=$WORK/home" "PYTHONHOME=/nonexistent" "PYTHONPATH=/nonexistent"
       "QT_QPA_PLATFORM=offscreen")

# run EXPECTED_RC NAME PROGRAM ARGS...: stdout in $WORK/NAME.out, stderr in $WORK/NAME.err
run() {
    local expected=$1 name=$2
    shift 2
    local rc=0
    "${CLEAN[@]}" "$@" >"$WORK/$name.out" 2>"$WORK/$name.err" || rc=$?
    if [ "$rc" -ne "$expected" ]; then
        echo "--- stdout:" >&2; head -n 20 "$WORK/$name.out" >&2
        echo "--- stderr:" >&2; head -n 20 "$WORK/$name.err" >&2
        fail "$name: exit code $rc, expected $expected"
    fi
}

echo "smoke_test.sh: bundle $DIST ($(du -sh "$DIST" | cut -f1)); scratch $WORK"
echo "smoke_test.sh: the launcher links only: $(ldd "$GUI" | awk '{print $1}' | tr '\n' ' ')"
if ldd "$GUI" "$CLI" | grep -qi python; then fail "the launcher links a Python library from the system"; fi

# --- command line ---------------------------------------------------------------------
run 0 version "$CLI" --version
grep -q "^perfdesk [0-9]" "$WORK/version.out" || fail "--version printed: $(cat "$WORK/version.out")"
ok "--version: $(cat "$WORK/version.out")"

run 0 help "$CLI" --help
grep -q "部门（单位）整体支出绩效目标表" "$WORK/help.out" || fail "--help is not the Chinese help"

run 0 sample "$CLI" sample sample.db
[ -s sample.db ] || fail "sample wrote no sample.db"
grep -q "已写入示例项目" "$WORK/sample.out" || fail "sample printed: $(cat "$WORK/sample.out")"
ok "sample: $(cat "$WORK/sample.out")"

run 0 export-json "$CLI" export-json sample.db sample.json
grep -q '"format": "perfdesk"' sample.json || fail "export-json: sample.json is not perfdesk JSON"
grep -q "新疆巴州人力资源和社会保障局" sample.json || fail "export-json: the department name is missing"
run 0 import-json "$CLI" import-json sample.json again.db
run 0 export-json-again "$CLI" export-json again.db again.json
cmp -s sample.json again.json || fail "export-json → import-json → export-json is not byte-identical"
ok "export-json / import-json round trip is byte-identical"

run 0 export-pdf "$CLI" export-pdf sample.db sample.pdf
[ "$(head -c 5 sample.pdf)" = "%PDF-" ] || fail "export-pdf: sample.pdf is not a PDF"
pdffonts sample.pdf >"$WORK/pdffonts.txt" || fail "pdffonts cannot read sample.pdf"
# The 'emb' column, found from the header so font types with spaces ("CID TrueType") don't shift it.
awk 'NR == 1 { col = index($0, " emb ") + 1; next }
     NR == 2 { next }
     { rows++; if (substr($0, col, 3) != "yes") { bad++; print "not embedded: " $0 } }
     END { if (rows == 0) { print "no fonts listed"; exit 1 } exit bad > 0 }' "$WORK/pdffonts.txt" \
    || { cat "$WORK/pdffonts.txt" >&2; fail "export-pdf: not every font is embedded"; }
ok "export-pdf: $(cat "$WORK/export-pdf.out"); pdffonts: $(($(wc -l <"$WORK/pdffonts.txt") - 2)) font(s), all 'emb yes'"
# ReportLab finds its C accelerators by exec(); without the hidden import the bundle silently
# falls back to pure Python, twice as slow per PDF.
ls "$DIST"/_internal/_rl_accel* >/dev/null 2>&1 || ls "$DIST"/_rl_accel* >/dev/null 2>&1 \
    || fail "ReportLab's accelerator _rl_accel is missing from the bundle (hiddenimports in perfdesk.spec)"
ok "ReportLab's C accelerator (_rl_accel) is in the bundle"

if grep -q "export-xlsx" "$WORK/help.out"; then
    run 0 export-xlsx "$CLI" export-xlsx sample.db sample.xlsx
    [ "$(head -c 2 sample.xlsx)" = "PK" ] || fail "export-xlsx: sample.xlsx is not a zip/xlsx file"
    run 0 import-xlsx "$CLI" import-xlsx sample.xlsx from-xlsx.db
    [ -s from-xlsx.db ] || fail "import-xlsx wrote no project"
    ok "export-xlsx / import-xlsx: $(tail -n 1 "$WORK/import-xlsx.out")"
else
    echo "smoke_test.sh: SKIP export-xlsx: this bundle has no export-xlsx command"
fi

# validate: the sample has errors on purpose, so exit code 1 is the expected answer.
run 1 validate "$CLI" validate sample.db
grep -q "个错误" "$WORK/validate.out" || fail "validate printed no summary"
run 1 validate-json "$CLI" validate --json sample.db
grep -q '^\[' "$WORK/validate-json.out" && grep -q '"rule_id"' "$WORK/validate-json.out" \
    && grep -q '"severity"' "$WORK/validate-json.out" || fail "validate --json is not a JSON list of problems"
ok "validate: exit 1 as expected; $(tail -n 2 "$WORK/validate.out" | head -n 1)"

printf 'not a database' >broken.db
run 2 broken "$CLI" export-json broken.db -
grep -q "错误" "$WORK/broken.err" || fail "an unreadable file gave no Chinese message: $(cat "$WORK/broken.err")"
ok "unreadable file: exit 2, $(head -n 1 "$WORK/broken.err")"

# --- the window, under Xvfb -----------------------------------------------------------
cat >"$WORK/gui.sh" <<'EOF'
#!/usr/bin/env bash
# Runs inside xvfb-run: start the frozen GUI on the sample, drive it with xdotool, screenshot.
set -euo pipefail
WORK=$1 GUI=$2 DIST=$3 SHOTS=$4
fail() { echo "smoke_test.sh: 失败 / FAILED: GUI: $*" >&2; exit 1; }
env -i "PATH=$WORK/no-python-here" "HOME=$WORK/home" "PYTHONHOME=/nonexistent" "PYTHONPATH=/nonexistent" \
    "DISPLAY=$DISPLAY" "XAUTHORITY=${XAUTHORITY:-}" LANG=C.UTF-8 QT_QPA_PLATFORM=xcb \
    "$GUI" "$WORK/sample.db" >"$WORK/gui.out" 2>&1 &
pid=$!
echo "$pid" >"$WORK/gui.pid"
alive() { kill -0 "$pid" 2>/dev/null || { cat "$WORK/gui.out" >&2; fail "the program exited"; }; }
window() {  # window NAME-REGEX: id of the first visible window whose title matches, within 30 s
    timeout 30 xdotool search --sync --onlyvisible --name "$1" 2>/dev/null | head -n 1
}

main=$(window " — perfdesk$") || true
[ -n "$main" ] || { alive; fail "no main window appeared within 30 s"; }
sleep 2  # let the first paint and the 审核 pass finish
alive
title=$(xdotool getwindowname "$main")
echo "smoke_test.sh: ok   main window: $title"
import -window root "$SHOTS/1-main-window.png"

# Every Python-ish library the process has mapped must live inside the bundle.
maps=$(awk '{print $6}' "/proc/$pid/maps" | grep -iE "python|\.cpython-" | sort -u)
echo "$maps" | grep -q "$DIST/_internal/libpython" || fail "libpython was not loaded from the bundle"
outside=$(echo "$maps" | grep -v "^$DIST/" || true)
[ -z "$outside" ] || fail "libraries loaded from outside the bundle: $outside"
echo "smoke_test.sh: ok   all $(echo "$maps" | wc -l) Python libraries mapped come from the bundle"

xdotool windowfocus --sync "$main"
xdotool key ctrl+shift+p  # 打印预览: the PDF shown with QtPdf
preview=$(window "^打印预览") || true
[ -n "$preview" ] || { alive; fail "打印预览 (QtPdf) did not open"; }
sleep 3
alive
echo "smoke_test.sh: ok   print preview (QtPdf): $(xdotool getwindowname "$preview")"
import -window root "$SHOTS/2-print-preview.png"
xdotool key Escape
sleep 1

xdotool windowfocus --sync "$main"
xdotool key ctrl+p  # the sample has errors, so 打印 first asks 是/否: Qt's own buttons, translated
question=$(window "^审核发现错误$") || true
[ -n "$question" ] || { alive; fail "the 审核发现错误 question did not appear"; }
sleep 1
import -window root "$SHOTS/3-question-yes-no.png"
echo "smoke_test.sh: ok   question box shown (its buttons must read 是(Y)/否(N): see 3-question-yes-no.png)"
xdotool key Escape
sleep 1
alive
kill "$pid"
wait "$pid" 2>/dev/null || true
EOF
rm -f "$SHOTS"/*.png
xvfb-run -a -s "-screen 0 1280x860x24" bash "$WORK/gui.sh" "$WORK" "$GUI" "$DIST" "$SHOTS" \
    || fail "GUI check (output above; the program's own output: $(tr '\n' ' ' <"$WORK/gui.out" 2>/dev/null | head -c 600))"
GUI_PID="$(cat "$WORK/gui.pid" 2>/dev/null || true)"

LOG="$WORK/home/.local/share/perfdesk/logs/perfdesk.log"
if [ -f "$LOG" ]; then
    if grep -q "translation not found" "$LOG"; then fail "Qt's qtbase_zh_CN.qm was not found: $(grep "translation not found" "$LOG")"; fi
    if grep -qE "ERROR|Traceback" "$LOG"; then cat "$LOG" >&2; fail "the program logged an error"; fi
fi
ok "GUI: main window, print preview and question box; qtbase_zh_CN.qm loaded; no errors logged"
echo "smoke_test.sh: screenshots: $(ls "$SHOTS"/*.png | tr '\n' ' ')"
echo "smoke_test.sh: 全部通过 / all checks passed"
