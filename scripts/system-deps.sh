#!/usr/bin/env bash
# Debian packages the document formats need (called by `make install`, so by `make run` and `make test`):
#   .doc / .rtf        libreoffice-writer-nogui (headless conversion to .docx)
#   scans and photos   tesseract-ocr + tesseract-ocr-vie (+ -osd for page orientation), poppler-utils (pdftoppm)
#   fixtures, PDFs     fonts-dejavu-core (a Vietnamese-capable font)
# Without them the rest works: a file whose tool is missing fails alone, and its report names the package.
set -euo pipefail
need=()
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
command -v pdftoppm >/dev/null 2>&1 || need+=(poppler-utils)
for lang in vie osd; do
  if ! tesseract --list-langs 2>/dev/null | grep -qx "$lang"; then need+=("tesseract-ocr-$lang"); fi
done
[ -e /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || need+=(fonts-dejavu-core)
if [ "${#need[@]}" -gt 0 ]; then
  echo "installing Debian packages for document formats: ${need[*]}…"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
