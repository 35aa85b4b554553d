#!/usr/bin/env bash
# ./run package [VERSION]: build out/yijianshi-kiosk_<VERSION>_amd64.deb — the kiosk in its own
# virtualenv under /opt/yijianshi-kiosk, built from packaging/requirements.lock, with its
# defaults and assets as the wheel's data files (kiosk.paths), the systemd unit, the udev
# rule, /etc/yijianshi-kiosk/kiosk.toml as a conffile and the maintainer scripts beside this file.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=${1:-$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)}
name=yijianshi-kiosk
build=out/deb-build
stage=$build/root
prefix=/opt/$name
rm -rf "$build" && mkdir -p "$stage" "$build/src" out
# The source as committed or changed here, with the package's version.
git ls-files -co --exclude-standard | grep -v '^out/' | tar -cf - -T - | tar -xf - -C "$build/src"
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
# Scripts name the interpreter by its path on the terminal, not in the stage.
grep -rlI "$stage" "$stage$prefix/bin" | xargs -r sed -i "s|$PWD/$stage||g; s|$stage||g"
install -D -m 0644 packaging/systemd/$name.service "$stage/lib/systemd/system/$name.service"
install -D -m 0644 packaging/udev/60-kiosk-receipt-printer.rules \
    "$stage/lib/udev/rules.d/60-$name-receipt-printer.rules"
install -D -m 0644 packaging/deb/kiosk.toml "$stage/etc/$name/kiosk.toml"
install -D -m 0644 packaging/deb/copyright "$stage/usr/share/doc/$name/copyright"
mkdir -p "$stage/usr/bin" && ln -s "$prefix/bin/kiosk" "$stage/usr/bin/kiosk"
mkdir -p "$stage/DEBIAN"
for script in preinst postinst postrm; do
    sed "s/@VERSION@/$version/" "packaging/deb/$script" >"$stage/DEBIAN/$script"
    chmod 0755 "$stage/DEBIAN/$script"
done
echo "/etc/$name/kiosk.toml" >"$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed "s/@VERSION@/$version/; s/@SIZE@/$size/" packaging/deb/control >"$stage/DEBIAN/control"
deb=out/${name}_${version}_amd64.deb
dpkg-deb --root-owner-group -Zzstd -z3 --build "$stage" "$deb" >/dev/null
echo "$deb"
