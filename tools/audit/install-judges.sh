#!/usr/bin/env bash
# Installs the independent page judges into the project's git-ignored .judges/ folder:
#   npm:    lighthouse, axe-core, vnu-jar (the Nu HTML Checker)
#   Debian: chromium (browser for all three), a Java runtime for vnu.jar, node/npm
# Playwright comes from requirements-dev.txt and drives /usr/bin/chromium; browsers are
# never downloaded. Idempotent: a second run with everything present takes under a second.
# Adapted from the workplace's shared judge scripts so the project does not depend on them.
set -euo pipefail
cd "$(dirname "$0")/../.."
JUDGES_NPM_DIR="${JUDGES_NPM_DIR:-.judges/npm}"
NPM_PACKAGES="lighthouse@12.8.2 axe-core@4.14.1 vnu-jar@26.9.27"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v java >/dev/null 2>&1 || missing+=(default-jre-headless)
command -v node >/dev/null 2>&1 || missing+=(nodejs)
command -v npm >/dev/null 2>&1 || missing+=(npm)
if ((${#missing[@]})); then
  echo "install-judges: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get -o DPkg::Lock::Timeout=600 update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -q "${missing[@]}"
fi

mkdir -p "$JUDGES_NPM_DIR"
[ -f "$JUDGES_NPM_DIR/package.json" ] || echo '{ "name": "page-judges", "private": true }' > "$JUDGES_NPM_DIR/package.json"
installed=1
for spec in $NPM_PACKAGES; do
  name="${spec%@*}"; want="${spec##*@}"
  have=$(node -p "try{require('$PWD/$JUDGES_NPM_DIR/node_modules/$name/package.json').version}catch(e){''}")
  [ "$have" = "$want" ] || installed=0
done
if [ "$installed" = 0 ]; then
  echo "install-judges: npm install $NPM_PACKAGES"
  # --ignore-scripts: vnu-jar's postinstall would fetch a JDK from the internet; the system Java is used.
  # shellcheck disable=SC2086
  (cd "$JUDGES_NPM_DIR" && npm install --no-audit --no-fund --ignore-scripts --save-exact --loglevel=error $NPM_PACKAGES)
fi
