#!/usr/bin/env bash
# Installs the Debian packages cmn-audit relies on, when they are missing.
# As root it uses apt-get; otherwise it says, in Russian, what to install.
set -euo pipefail

# package → a file or command that proves it is installed
declare -A PROOF=(
  [fonts-dejavu-core]=/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf
  [tesseract-ocr]=tesseract                                   # OCR of scans and photos
  [tesseract-ocr-rus]=/usr/share/tesseract-ocr/5/tessdata/rus.traineddata
  [antiword]=antiword                                         # DOC (Word 97–2003)
  [catdoc]=catdoc                                             # DOC fallback
  [chromium]=/usr/bin/chromium                                # menus built by JavaScript
  [poppler-utils]=pdftoppm                                     # PDF pages as images (report checks)
  [redis-server]=redis-server                                 # several machines: `--redis` (tests start it)
)

missing=()
for package in "${!PROOF[@]}"; do
  proof=${PROOF[$package]}
  if [[ "$proof" == /* ]]; then [[ -e "$proof" ]] || missing+=("$package")
  else command -v "$proof" >/dev/null 2>&1 || missing+=("$package"); fi
done

[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -eq 0 ]] && command -v apt-get >/dev/null 2>&1; then
  echo "Устанавливаются системные пакеты: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "Не хватает системных пакетов: ${missing[*]}." >&2
  echo "Установите их администратором: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
