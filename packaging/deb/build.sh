#!/usr/bin/env bash
# ./run package [VERSION]: build out/yijianshi-kiosk_<VERSION>_amd64.deb — the kiosk in its own
# virtualenv under /opt/yijianshi-kiosk, built from packaging/requirements.lock, with its
# defaults and assets as the wheel's data files (kiosk.paths), the systemd unit, the udev
# rules, logrotate, /etc/yijianshi-kiosk/kiosk.toml as a conffile and the maintainer scripts
# beside this file. SOURCE (default: this checkout, as committed or changed here) is the tree
# the wheel is built from.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=${1:-$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)}
name=yijianshi-kiosk
build=out/deb-build
stage=$build/root
prefix=/opt/$name
rm -rf "$build" && mkdir -p "$stage" "$build/src" out
# The source, with the package's version.
if [ -n "${2:-}" ]; then
    cp -a "$2/." "$build/src/"
else
    git ls-files -co --exclude-standard | grep -v '^out/' | tar -cf - -T - | tar -xf - -C "$build/src"
fi
sed -i "s/^version = \".*\"/version = \"$version\"/" "$build/src/pyproject.toml"
.venv/bin/python -m pip wheel --no-deps -q -w "$build/wheel" "$build/src"
# The virtualenv, on Debian's own python3, at its final path inside the stage.
/usr/bin/python3 -m venv --without-pip "$stage$prefix"
.venv/bin/python -m pip --python "$stage$prefix/bin/python" install -q --no-deps --no-compile \
    -r packaging/requirements.lock "$build"/wheel/*.whl
# Qt WebEngine and Qt's designer tools: 200+ MB the kiosk never loads.
site=$(echo "$stage$prefix"/lib/python3*/site-packages)
rm -rf "$site"/PySide6/Qt/lib/libQt6WebEngine* "$site"/PySide6/Qt/libexec/QtWebEngineProcess \
    "$site"/PySide6/Qt/resources/qtwebengine* "$site"/PySide6/Qt/translations/qtwebengine* \
    "$site"/PySide6/Qt/qml/QtWebEngine "$site"/PySide6/QtWebEngine* "$site"/PySide6/designer \
    "$site"/PySide6/assistant "$site"/PySide6/include
# Byte code is written on the terminal (and removed by prerm), not shipped.
find "$stage$prefix" -name __pycache__ -type d -prune -exec rm -rf {} +
# Shared libraries are read and mapped, never run: not executable.
find "$stage$prefix" -type f -name '*.so*' -exec chmod a-x {} +
# Scripts name the interpreter by its path on the terminal, not in the stage.
grep -rlI "$stage" "$stage$prefix/bin" | xargs -r sed -i "s|$PWD/$stage||g; s|$stage||g"
install -D -m 0644 packaging/systemd/$name.service "$stage/lib/systemd/system/$name.service"
install -D -m 0644 packaging/udev/60-kiosk-receipt-printer.rules \
    "$stage/lib/udev/rules.d/60-$name-receipt-printer.rules"
install -D -m 0644 packaging/udev/60-kiosk-serial.rules "$stage/lib/udev/rules.d/60-$name-serial.rules"
install -D -m 0644 packaging/logrotate/$name "$stage/etc/logrotate.d/$name"
install -D -m 0644 packaging/deb/lintian-overrides "$stage/usr/share/lintian/overrides/$name"
printf '%s (%s) stable; urgency=medium\n\n  * Built from the kiosk'"'"'s source (./run package).\n\n -- %s  %s\n' \
    "$name" "$version" "$(sed -n 's/^Maintainer: //p' packaging/deb/control)" \
    "$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")" \
    | gzip -9n >"$build/changelog.gz"
install -D -m 0644 "$build/changelog.gz" "$stage/usr/share/doc/$name/changelog.gz"
install -D -m 0644 packaging/deb/kiosk.toml "$stage/etc/$name/kiosk.toml"
install -D -m 0644 packaging/deb/copyright "$stage/usr/share/doc/$name/copyright"
mkdir -p "$stage/usr/bin" && ln -s "$prefix/bin/kiosk" "$stage/usr/bin/kiosk"
mkdir -p "$stage/DEBIAN"
for script in preinst postinst prerm postrm; do
    sed "s/@VERSION@/$version/" "packaging/deb/$script" >"$stage/DEBIAN/$script"
    chmod 0755 "$stage/DEBIAN/$script"
done
printf '/etc/%s\n' "$name/kiosk.toml" "logrotate.d/$name" >"$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed "s/@VERSION@/$version/; s/@SIZE@/$size/" packaging/deb/control >"$stage/DEBIAN/control"
deb=out/${name}_${version}_amd64.deb
# gzip: lintian reads only gzip and xz members, and xz takes minutes on 200+ MB.
dpkg-deb --root-owner-group -Zgzip -z1 --build "$stage" "$deb" >/dev/null
echo "$deb"
