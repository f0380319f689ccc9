#!/usr/bin/env bash
# The whole test suite, as CI runs it: installs the Debian packages the tests need (as root),
# restores NuGet packages, builds with warnings as errors, runs every test project, and prints
# one closing line "Total: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(openssh-server openssh-client sudo strace ifupdown iproute2 iputils-ping procps dpkg-dev fakeroot debootstrap kmod psmisc util-linux e2fsprogs ansible cron git curl python3 gpg unzip zip bzip2 xz-utils python3-venv python3-pip python3-setuptools ruby supervisor gcc libc6-dev)
missing=()
# The npm module's tests need npm: Debian's package, unless the machine already has one (NodeSource's nodejs
# bundles npm and conflicts with Debian's).
command -v npm >/dev/null || packages+=(npm)
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "tests/run.sh: missing Debian packages: ${missing[*]}; run as root (or install them) first" >&2
    exit 1
  fi
  echo "installing: ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet restore Engine.sln --verbosity quiet
dotnet build Engine.sln --no-restore -c Release --verbosity quiet -warnaserror

# The tests that start converge as a process (CLI, SSH and lab) run the native build, as the README installs it
# (ahead-of-time compiled: what could differ from the plain build is reflection and generics made at run time).
case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) rid= ;;
esac
if [ -n "$rid" ]; then
  native=$(mktemp -d)
  trap 'rm -rf "$native"' EXIT
  dotnet publish engine/Engine.Cli -c Release -r "$rid" -p:NativeAot=true -o "$native" --verbosity quiet
  export CONVERGE_TEST_BINARY="$native/converge"
fi

log=$(mktemp)
status=0
dotnet test Engine.sln --no-build -c Release "$@" 2>&1 | tee "$log" || status=$?

read -r passed failed < <(awk '/^ *(Passed!|Failed!)/ {
    for (i = 1; i <= NF; i++) { if ($i == "Passed:") p += $(i+1); if ($i == "Failed:") f += $(i+1) }
  } END { printf "%d %d\n", p, f }' "$log" | tr -d ',')
rm -f "$log"
echo "Total: ${passed:-0} passed, ${failed:-0} failed"
exit "$status"
