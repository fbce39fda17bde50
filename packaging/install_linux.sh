#!/usr/bin/env bash
# Install a built Linux bundle with a menu entry and icon (统信UOS, 银河麒麟, Debian, …).
#
#   packaging/install_linux.sh [DIST_DIR]              as a user: only for that user
#   sudo packaging/install_linux.sh [DIST_DIR]         as root: for everybody (/opt/perfdesk)
#   packaging/install_linux.sh --uninstall             (with sudo if it was installed as root)
#
# DIST_DIR defaults to dist/perfdesk. User data (~/.local/share/perfdesk) is never touched.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$HERE")"
if [ "$(id -u)" -eq 0 ]; then
    APP=/opt/perfdesk BIN=/usr/local/bin SHARE=/usr/share
else
    APP="$HOME/.local/opt/perfdesk" BIN="$HOME/.local/bin" SHARE="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
SIZES="16 32 48 64 128 256"

refresh() {
    command -v update-desktop-database >/dev/null && update-desktop-database -q "$SHARE/applications" || true
    command -v gtk-update-icon-cache >/dev/null && gtk-update-icon-cache -q -t "$SHARE/icons/hicolor" || true
}

if [ "${1:-}" = "--uninstall" ]; then
    rm -rf "$APP"
    rm -f "$BIN/perfdesk" "$BIN/perfdesk-cli" "$SHARE/applications/perfdesk.desktop"
    for n in $SIZES; do rm -f "$SHARE/icons/hicolor/${n}x${n}/apps/perfdesk.png"; done
    refresh
    echo "已卸载 / removed perfdesk from $APP"
    exit 0
fi

DIST="${1:-$ROOT/dist/perfdesk}"
[ -x "$DIST/perfdesk" ] && [ -x "$DIST/perfdesk-cli" ] || { echo "no bundle in $DIST: run packaging/build_linux.sh first" >&2; exit 1; }
DIST="$(cd "$DIST" && pwd)"

mkdir -p "$(dirname "$APP")" "$BIN" "$SHARE/applications"
rm -rf "$APP.new"
cp -a "$DIST" "$APP.new"  # copy first, then swap: a running old version keeps its files until then
rm -rf "$APP"
mv "$APP.new" "$APP"
ln -sfn "$APP/perfdesk" "$BIN/perfdesk"
ln -sfn "$APP/perfdesk-cli" "$BIN/perfdesk-cli"

ICONS="$APP/_internal/resources/icons"
for n in $SIZES; do
    install -D -m 644 "$ICONS/perfdesk-$n.png" "$SHARE/icons/hicolor/${n}x${n}/apps/perfdesk.png"
done
sed -e "s|^Exec=.*|Exec=\"$APP/perfdesk\" %f|" -e "s|^TryExec=.*|TryExec=$APP/perfdesk|" -e "/^# install_linux.sh/d" \
    "$HERE/perfdesk.desktop" >"$SHARE/applications/perfdesk.desktop"
chmod 644 "$SHARE/applications/perfdesk.desktop"
refresh
echo "已安装 / installed: $APP"
echo "  开始菜单 / menu entry: $SHARE/applications/perfdesk.desktop"
echo "  命令行 / command line: $BIN/perfdesk-cli --help"
