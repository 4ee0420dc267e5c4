#!/bin/sh
# OpenSeadragon (the piece page's deep-zoom viewer) from npm into static/vendor/openseadragon/:
# the minified build, its navigation button images and its licence (BSD-3-Clause). The files are
# committed; run this only to move to another pinned version (then check the browser tests).
set -eu
VERSION=6.1.1
ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEST="$ROOT/static/vendor/openseadragon"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
# npm pack checks the tarball against the registry's integrity hash.
(cd "$TMP" && npm pack --silent "openseadragon@$VERSION" >/dev/null && tar -xzf "openseadragon-$VERSION.tgz")
rm -rf "$DEST"
mkdir -p "$DEST/images"
# Without its source map, whose reference collectstatic's manifest storage would refuse.
sed '/^\/\/# sourceMappingURL=/d' "$TMP/package/build/openseadragon/openseadragon.min.js" \
  > "$DEST/openseadragon.min.js"
cp "$TMP/package/build/openseadragon/images/"*.png "$DEST/images/"
cp "$TMP/package/LICENSE.txt" "$DEST/LICENSE.txt"
echo "openseadragon@$VERSION (npm)" > "$DEST/VERSION"
echo "vendored openseadragon $VERSION into $DEST"
