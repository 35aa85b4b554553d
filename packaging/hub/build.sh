#!/usr/bin/env bash
# ./run package [VERSION] also builds out/yijianshi-hub_<VERSION>_amd64.deb: the hub
# (central/) in its own virtualenv under /opt/yijianshi-hub, from the same wheel and lock as
# the kiosk's package less the screen and camera libraries, its unit, its settings in
# /etc/yijianshi-hub/hub.toml (a conffile) and the maintainer scripts beside this file.
set -euo pipefail
cd "$(dirname "$0")/../.."
version=${1:-$(sed -n 's/^version = "\(.*\)"/\1/p' pyproject.toml | head -1)}
name=yijianshi-hub
build=out/hub-build
stage=$build/root
prefix=/opt/$name
rm -rf "$build" && mkdir -p "$stage" "$build/src" out
git ls-files -co --exclude-standard | grep -v '^out/' | tar -cf - -T - | tar -xf - -C "$build/src"
sed -i "s/^version = \".*\"/version = \"$version\"/" "$build/src/pyproject.toml"
.venv/bin/python -m pip wheel --no-deps -q -w "$build/wheel" "$build/src"
/usr/bin/python3 -m venv --without-pip "$stage$prefix"
# The hub never opens a window or a camera.
grep -viE '^(pyside6-|shiboken6|opencv-|dlib-bin|face-recognition-models)' \
    packaging/requirements.lock >"$build/requirements.txt"
.venv/bin/python -m pip --python "$stage$prefix/bin/python" install -q --no-deps --no-compile \
    -r "$build/requirements.txt" "$build"/wheel/*.whl
# It runs without them: the OpenAPI document is the whole application, built.
PYTHONDONTWRITEBYTECODE=1 "$stage$prefix/bin/python" -m central.cli openapi >/dev/null
find "$stage$prefix" -name __pycache__ -type d -prune -exec rm -rf {} +
# Shared libraries are read and mapped, never run: not executable.
find "$stage$prefix" -type f -name '*.so*' -exec chmod a-x {} +
grep -rlI "$stage" "$stage$prefix/bin" | xargs -r sed -i "s|$PWD/$stage||g; s|$stage||g"
install -D -m 0644 packaging/systemd/$name.service "$stage/lib/systemd/system/$name.service"
install -D -m 0644 packaging/hub/hub.toml "$stage/etc/$name/hub.toml"
install -D -m 0644 packaging/deb/copyright "$stage/usr/share/doc/$name/copyright"
install -D -m 0644 packaging/hub/lintian-overrides "$stage/usr/share/lintian/overrides/$name"
printf '%s (%s) stable; urgency=medium\n\n  * Built from the kiosk'"'"'s source (./run package).\n\n -- %s  %s\n' \
    "$name" "$version" "$(sed -n 's/^Maintainer: //p' packaging/hub/control)" \
    "$(date -R -d @"${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}")" \
    | gzip -9n >"$build/changelog.gz"
install -D -m 0644 "$build/changelog.gz" "$stage/usr/share/doc/$name/changelog.gz"
mkdir -p "$stage/DEBIAN"
for script in preinst postinst prerm postrm; do
    sed "s/@VERSION@/$version/" "packaging/hub/$script" >"$stage/DEBIAN/$script"
    chmod 0755 "$stage/DEBIAN/$script"
done
echo "/etc/$name/hub.toml" >"$stage/DEBIAN/conffiles"
size=$(du -sk --exclude=DEBIAN "$stage" | cut -f1)
sed "s/@VERSION@/$version/; s/@SIZE@/$size/" packaging/hub/control >"$stage/DEBIAN/control"
deb=out/${name}_${version}_amd64.deb
dpkg-deb --root-owner-group -Zgzip -z1 --build "$stage" "$deb" >/dev/null
echo "$deb"
