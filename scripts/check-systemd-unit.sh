#!/usr/bin/env bash
# Runs config/dicomwatch.service under a real systemd and checks it end to end. It builds a
# Debian 12 (bookworm) root with debootstrap and installs dicomwatch in it with the steps of
# docs/sensor.md. Then it boots the root with systemd-nspawn in a network namespace of its own,
# captures dcmtk traffic there, and prints PASS or FAIL for each check (listed in docs/sensor.md).
#
# Usage (as root, on a Debian 12 host with access to a Debian mirror):
#   scripts/check-systemd-unit.sh [--root DIR] [--mirror URL] [--keep]
#
# --root is the container root (default /var/tmp/dw-systemd-root), which is built anew and removed
# at the end unless --keep is given. The host needs no systemd as PID 1. The script installs
# systemd-container and debootstrap on the host, and maven and openjdk-17-jdk-headless when
# target/dicomwatch.jar has to be built. All traffic stays inside the container's network
# namespaces: loopback and a veth pair on 198.18.0.0/24 (a benchmarking range).
# Exit status: 0 when every check passed, 1 when one failed, 2 when the setup failed.
set -euo pipefail

root=/var/tmp/dw-systemd-root
mirror=http://deb.debian.org/debian
keep=false
while [[ $# -gt 0 ]]; do
    case "$1" in
        --root) root=$2; shift 2 ;;
        --mirror) mirror=$2; shift 2 ;;
        --keep) keep=true; shift ;;
        *) echo "unknown option: $1 (see the comment at the top of $0)" >&2; exit 2 ;;
    esac
done
[[ $(id -u) -eq 0 ]] || { echo "run as root: debootstrap and systemd-nspawn need it" >&2; exit 2; }
# The root is deleted before and after the run, so it must be a directory of its own.
[[ $root == /*/* ]] || { echo "--root $root: expected an absolute path at least two levels deep" >&2; exit 2; }
project=$(cd "$(dirname "$0")/.." && pwd)
log_dir=$(mktemp -d /tmp/check-systemd-unit.XXXXXX)
nspawn_pid=""
container_pid=""
failures=0

# --- Results and helpers -----------------------------------------------------------------------

check() {
    local name=$1
    shift
    echo "== $name" >>"$log_dir/checks.log"
    if "$@" >>"$log_dir/checks.log" 2>&1; then
        echo "PASS  $name"
    else
        echo "FAIL  $name (details: $log_dir/checks.log)"
        failures=$((failures + 1))
    fi
}

setup_failed() {
    echo "setup failed: $*" >&2
    exit 2
}

# Runs a command in every namespace of the booted container, as its root.
in_container() {
    nsenter --target "$container_pid" --all env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin TERM=dumb "$@"
}

unit_property() {
    in_container systemctl show --property "$1" --value dicomwatch
}

# Waits up to $1 seconds for the command after it to succeed.
wait_for() {
    local seconds=$1
    shift
    local deadline=$((SECONDS + seconds))
    until "$@" >/dev/null 2>&1; do
        ((SECONDS < deadline)) || return 1
        sleep 0.5
    done
}

# Prints the association count of AE title $1 from the inventory, 0 when it is absent.
associations_of() {
    # shellcheck disable=SC2016 # $title is a jq variable.
    in_container jq --arg title "$1" \
        '[.assets[].applicationEntities[] | select(.aeTitle == $title) | .associations] | add // 0' \
        /var/lib/dicomwatch/inventory.json
}

inventory_has_titles() {
    local title count
    for title in "$@"; do
        count=$(associations_of "$title")
        echo "$title: $count association(s)"
        [[ $count -gt 0 ]] || return 1
    done
}

# Searches the unit's journal of boot $2 (default 0, the current one) for text $1.
journal_has() {
    in_container journalctl --boot "${2:-0}" --unit dicomwatch --no-pager --output cat | grep -F -- "$1"
}

# Searches the journal of the unit's current run for text $1.
run_has() {
    local invocation
    invocation=$(unit_property InvocationID)
    [[ -n $invocation ]] || return 1
    in_container journalctl "_SYSTEMD_INVOCATION_ID=$invocation" --no-pager --output cat | grep -F -- "$1"
}

unit_state_is() {
    [[ $(unit_property ActiveState) == "$1" ]]
}

restarts_equal() {
    [[ $(unit_property NRestarts) == "$1" ]]
}

associations_equal() {
    [[ $(associations_of "$1") -eq $2 ]]
}

boot_container() {
    # --register=no and --keep-unit: the host may have no systemd as PID 1 and no machined, and then
    # nspawn cannot register the machine or make a scope for it. SYSTEMD_NSPAWN_UNIFIED_HIERARCHY
    # gives the container the unified cgroup hierarchy of a default Debian 12 host, even where the
    # host mounts a hybrid one.
    SYSTEMD_NSPAWN_UNIFIED_HIERARCHY=1 systemd-nspawn --boot --private-network --register=no \
        --keep-unit --machine=dwcheck --directory="$root" --console=passive \
        >>"$log_dir/nspawn.log" 2>&1 &
    nspawn_pid=$!
    wait_for 30 pgrep --parent "$nspawn_pid" || setup_failed "systemd-nspawn did not start, see $log_dir/nspawn.log"
    container_pid=$(pgrep --parent "$nspawn_pid")
    wait_for 60 in_container sh -c 'systemctl is-system-running | grep -qx -e running -e degraded' ||
        setup_failed "systemd in the container did not finish booting, see $log_dir/nspawn.log"
}

power_off_container() {
    in_container systemctl poweroff || true
    local deadline=$((SECONDS + 60))
    while kill -0 "$nspawn_pid" 2>/dev/null && ((SECONDS < deadline)); do
        sleep 0.5
    done
    if kill -0 "$nspawn_pid" 2>/dev/null; then
        kill "$nspawn_pid"
    fi
    wait "$nspawn_pid" 2>/dev/null || true
    nspawn_pid=""
}

cleanup() {
    if [[ -n $nspawn_pid ]]; then
        power_off_container
    fi
    if [[ $keep != true && -d $root ]]; then
        rm -rf --one-file-system "$root"
    fi
}
trap cleanup EXIT

# --- Host packages, build and container root ----------------------------------------------------

export DEBIAN_FRONTEND=noninteractive
apt-get update >"$log_dir/apt.log" 2>&1 || setup_failed "apt-get update, see $log_dir/apt.log"
apt-get install -y --no-install-recommends systemd-container debootstrap >>"$log_dir/apt.log" 2>&1 ||
    setup_failed "apt-get install systemd-container debootstrap, see $log_dir/apt.log"
if [[ ! -f $project/target/dicomwatch.jar ]]; then
    command -v mvn >/dev/null || apt-get install -y --no-install-recommends maven openjdk-17-jdk-headless \
        >>"$log_dir/apt.log" 2>&1 || setup_failed "apt-get install maven, see $log_dir/apt.log"
    (cd "$project" && nice -n 19 mvn -q package -DskipTests) >"$log_dir/build.log" 2>&1 ||
        setup_failed "mvn package, see $log_dir/build.log"
fi

[[ ! -e $root ]] || rm -rf --one-file-system "$root"
# dcmtk, iproute2 and jq serve the checks. The other packages are those docs/sensor.md requires.
nice -n 19 debootstrap --variant=minbase \
    --include=systemd,systemd-sysv,dbus,libpcap0.8,openjdk-17-jre-headless,dcmtk,iproute2,jq \
    bookworm "$root" "$mirror" >"$log_dir/debootstrap.log" 2>&1 ||
    setup_failed "debootstrap, see $log_dir/debootstrap.log"
echo dw-sensor >"$root/etc/hostname"

# The install steps of docs/sensor.md, run in the new root on a copy of the project.
mkdir -p "$root/root/dicomwatch/target"
cp -r "$project/bin" "$project/config" "$project/docs" "$root/root/dicomwatch/"
cp "$project/target/dicomwatch.jar" "$root/root/dicomwatch/target/"
chroot "$root" sh -euc '
    cd /root/dicomwatch
    install -d /opt/dicomwatch/bin /opt/dicomwatch/target /opt/dicomwatch/docs /etc/dicomwatch
    install -m 0755 bin/dicomwatch /opt/dicomwatch/bin/
    install -m 0644 target/dicomwatch.jar /opt/dicomwatch/target/
    install -m 0644 docs/*.md /opt/dicomwatch/docs/
    install -m 0644 config/dicomwatch.yaml config/logback.xml /etc/dicomwatch/
    install -m 0644 config/dicomwatch.service /etc/systemd/system/'
# In place of the editor step: capture on loopback and on the veth end dw0, and flush every 5 s so
# the check does not wait a minute for each write.
config=$root/etc/dicomwatch/dicomwatch.yaml
sed -i -e 's/^  - eth1$/  - lo\n  - dw0/' -e 's/^flush-interval: 60s$/flush-interval: 5s/' "$config"
if ! grep -q '^  - dw0$' "$config" || ! grep -q '^flush-interval: 5s$' "$config"; then
    setup_failed "config/dicomwatch.yaml no longer has 'interface: [eth1]' and 'flush-interval: 60s' to replace"
fi
cp "$config" "$root/root/dicomwatch.yaml.good"

# Traffic: storescp with AE title $1 listens on port 11112 of address $3, in network namespace $4
# (empty: the container's own). echoscu and storescu, with AE title $2, each open one association
# to it.
cat >"$root/root/send-dicom.sh" <<'EOF'
#!/bin/sh
set -eu
work=$(mktemp -d)
cat >"$work/object.dump" <<'DUMP'
(0008,0016) UI =SecondaryCaptureImageStorage
(0008,0018) UI [1.2.826.0.1.3680043.10.543.77]
(0008,0060) CS [OT]
(0010,0010) PN [SYNTHETIC^TEST]
(0020,000d) UI [1.2.826.0.1.3680043.10.543.1]
(0020,000e) UI [1.2.826.0.1.3680043.10.543.2]
(0028,0002) US 1
(0028,0004) CS [MONOCHROME2]
(0028,0010) US 1
(0028,0011) US 2
(0028,0100) US 8
(0028,0101) US 8
(0028,0102) US 7
(0028,0103) US 0
(7fe0,0010) OB 00\00
DUMP
dump2dcm +F "$work/object.dump" "$work/object.dcm"
run_in_namespace=""
[ -z "${4:-}" ] || run_in_namespace="ip netns exec $4"
$run_in_namespace storescp -dhl -aet "$1" -od "$work" 11112 >"$work/storescp.log" 2>&1 &
server=$!
tries=0
until $run_in_namespace ss -ltnH 'sport = 11112' | grep -q .; do
    tries=$((tries + 1)); [ "$tries" -lt 40 ] || { echo "storescp did not listen"; exit 1; }; sleep 0.25
done
echoscu -to 10 -aet "$2" -aec "$1" "$3" 11112
storescu -to 10 -aet "$2" -aec "$1" "$3" 11112 "$work/object.dcm"
kill "$server"
wait "$server" 2>/dev/null || true
rm -rf "$work"
EOF
chmod 0755 "$root/root/send-dicom.sh"

# --- Checks in the booted container -------------------------------------------------------------

boot_container
echo "Container booted; logs in $log_dir"
in_container sh -euc '
    ip netns add dwpeer
    ip link add dw0 type veth peer name dw1
    ip link set dw1 netns dwpeer
    ip addr add 198.18.0.1/24 dev dw0
    ip link set dw0 up
    ip -n dwpeer addr add 198.18.0.2/24 dev dw1
    ip -n dwpeer link set dw1 up' >>"$log_dir/checks.log" 2>&1 || setup_failed "veth pair, see $log_dir/checks.log"


# Each check below prints what it saw to checks.log and returns non-zero on failure. 'set -e' does
# not apply inside them, because check() calls them as an 'if' condition, so every step that
# matters ends in '|| return 1'.

unit_verifies() {
    local output
    output=$(in_container systemd-analyze verify /etc/systemd/system/dicomwatch.service 2>&1) || return 1
    echo "systemd-analyze verify: ${output:-no output}"
    [[ -z $output ]]
}

unit_starts() {
    in_container systemctl enable --now dicomwatch || return 1
    wait_for 30 run_has "Sensor started" || return 1
    unit_state_is active
}

# DynamicUser allocates from 61184 to 65519 (systemd.exec(5)); 0x2000 is CAP_NET_RAW alone.
runs_as_dynamic_user_with_cap_net_raw() {
    main_pid=$(unit_property MainPID)
    local status
    status=$(in_container cat "/proc/$main_pid/status") || return 1
    echo "$status" | grep -E '^(Uid|Cap[A-Za-z]+|NoNewPrivs|Seccomp):'
    local uid
    uid=$(echo "$status" | awk '/^Uid:/ { print $2 }')
    ((uid >= 61184 && uid <= 65519)) || return 1
    local set
    for set in CapInh CapPrm CapEff CapBnd CapAmb; do
        echo "$status" | grep -qx "$set:[[:space:]]*0000000000002000" || return 1
    done
    echo "$status" | grep -qx 'NoNewPrivs:[[:space:]]*1' || return 1
    echo "$status" | grep -qx 'Seccomp:[[:space:]]*2'
}

libpcap_opens_interfaces() {
    journal_has "Capture opened on lo" || return 1
    wait_for 10 journal_has "Capture opened on dw0" || return 1
    # Promiscuous mode, which libpcap sets per socket with CAP_NET_RAW alone.
    in_container ip -details link show dw0 | grep 'promiscuity 1'
}

jna_unpacks_into_cache_directory() {
    in_container grep '/var/cache/private/dicomwatch/jna' "/proc/$main_pid/maps"
}

periodic_flush_writes_titles() {
    in_container /root/send-dicom.sh DW_ARCHIVE DW_MODALITY 127.0.0.1 || return 1
    in_container /root/send-dicom.sh DW_VETH_SCP DW_VETH_SCU 198.18.0.2 dwpeer || return 1
    wait_for 15 inventory_has_titles DW_ARCHIVE DW_MODALITY DW_VETH_SCP DW_VETH_SCU || return 1
    unit_state_is active
}

stop_writes_final_inventory() {
    # systemctl shows TimeoutStopUSec as a time span such as "1min", which systemd-analyze converts.
    local timeout_seconds
    timeout_seconds=$(in_container systemd-analyze timespan "$(unit_property TimeoutStopUSec)" |
        awk '$1 == "μs:" { print int($2 / 1000000) }')
    [[ -n $timeout_seconds ]] || return 1
    in_container /root/send-dicom.sh DW_LATE_SCP DW_LATE_SCU 127.0.0.1 || return 1
    local started=$SECONDS
    in_container systemctl stop dicomwatch || return 1
    local took=$((SECONDS - started))
    echo "systemctl stop took ${took}s, TimeoutStopSec ${timeout_seconds}s"
    ((took < timeout_seconds)) || return 1
    [[ $(unit_property ExecMainStatus) == 0 && $(unit_property Result) == success ]] || return 1
    journal_has "Sensor stopped; inventory /var/lib/dicomwatch/inventory.json written" || return 1
    inventory_has_titles DW_LATE_SCP DW_LATE_SCU
}

restart_keeps_inventory() {
    local before
    before=$(associations_of DW_ARCHIVE)
    in_container systemctl start dicomwatch || return 1
    wait_for 30 run_has "Sensor started" || return 1
    run_has "Loaded the inventory" || return 1
    in_container /root/send-dicom.sh DW_ARCHIVE DW_MODALITY 127.0.0.1 || return 1
    in_container systemctl restart dicomwatch || return 1
    wait_for 30 run_has "Sensor started" || return 1
    in_container /root/send-dicom.sh DW_ARCHIVE DW_MODALITY 127.0.0.1 || return 1
    # echoscu and storescu open one association each per run.
    wait_for 15 associations_equal DW_ARCHIVE $((before + 4)) || {
        echo "DW_ARCHIVE associations: $before before, $(associations_of DW_ARCHIVE) after, expected $((before + 4))"
        return 1
    }
    inventory_has_titles DW_VETH_SCP DW_LATE_SCP
}

crash_is_restarted() {
    local restarts
    restarts=$(unit_property NRestarts)
    in_container systemctl kill --signal SIGKILL dicomwatch || return 1
    # RestartSec is 10 s.
    wait_for 30 restarts_equal $((restarts + 1)) || return 1
    wait_for 30 run_has "Sensor started"
}

bad_config_exits_2_without_restart() {
    in_container systemctl stop dicomwatch || return 1
    sed -i 's/^flush-interval: 5s$/flush-interval: often/' "$config"
    grep -q '^flush-interval: often$' "$config" || return 1
    in_container systemctl reset-failed dicomwatch
    in_container systemctl start dicomwatch
    wait_for 30 unit_state_is failed || return 1
    # Past RestartSec (10 s), a restart would have happened.
    sleep 15
    in_container systemctl show dicomwatch --property ActiveState,Result,ExecMainStatus,NRestarts
    journal_has "invalid duration 'often'" || return 1
    [[ $(unit_property ExecMainStatus) == 2 && $(unit_property NRestarts) == 0 ]] || return 1
    [[ $(unit_property ActiveState) == failed ]]
}

missing_capability_exits_2() {
    cp "$root/root/dicomwatch.yaml.good" "$config"
    local drop_in=/run/systemd/system/dicomwatch.service.d
    in_container sh -c "mkdir -p $drop_in && printf '[Service]\nAmbientCapabilities=\nCapabilityBoundingSet=\n' >$drop_in/no-capability.conf"
    in_container systemctl daemon-reload
    in_container systemctl reset-failed dicomwatch
    in_container systemctl start dicomwatch
    wait_for 30 unit_state_is failed
    local status
    status=$(unit_property ExecMainStatus)
    in_container rm -r "$drop_in"
    in_container systemctl daemon-reload
    in_container systemctl reset-failed dicomwatch
    journal_has "grant the capability CAP_NET_RAW" || return 1
    [[ $status == 2 ]]
}

exposure_score_at_most() {
    local line
    line=$(in_container systemd-analyze security --no-pager dicomwatch | tail -n 1) || return 1
    echo "$line"
    exposure=$(echo "$line" | grep -oE '[0-9]+\.[0-9]+' | head -n 1)
    awk -v score="$exposure" -v limit="$1" 'BEGIN { exit !(score <= limit) }'
}

reboot_starts_sensor_and_keeps_inventory() {
    local before
    before=$(associations_of DW_ARCHIVE)
    in_container systemctl start dicomwatch || return 1
    wait_for 30 run_has "Sensor started" || return 1
    power_off_container
    boot_container
    wait_for 30 run_has "Capture opened on lo" || return 1
    # The journal is persistent, so the previous boot's lines are still there. The sensor's stop at
    # shutdown must be among the unit's last 4 lines, before systemd's 'Deactivated' and 'Stopped'.
    in_container journalctl --boot -1 --unit dicomwatch --no-pager --output cat --lines 4 |
        grep -F "Sensor stopped; inventory /var/lib/dicomwatch/inventory.json written" || return 1
    [[ $(associations_of DW_ARCHIVE) -eq $before ]]
}

check "systemd-analyze verify reports nothing" unit_verifies
check "enable --now starts the sensor" unit_starts
check "dynamic user with CAP_NET_RAW only, no new privileges, seccomp" runs_as_dynamic_user_with_cap_net_raw
check "libpcap opens lo and dw0, dw0 promiscuous" libpcap_opens_interfaces
check "JNA unpacks its native library into the CacheDirectory" jna_unpacks_into_cache_directory
check "periodic flush writes the AE titles" periodic_flush_writes_titles
check "stop writes the final inventory, exits 0 within TimeoutStopSec" stop_writes_final_inventory
check "restart keeps what was learned" restart_keeps_inventory
check "SIGKILL is restarted after RestartSec" crash_is_restarted
check "bad config exits 2 and is not restarted" bad_config_exits_2_without_restart
check "without CAP_NET_RAW the sensor exits 2" missing_capability_exits_2
check "systemd-analyze security exposure at most 2.0" exposure_score_at_most 2.0
echo "      exposure score: ${exposure:-unknown}"
check "enabled unit starts at boot, shutdown stop is in the journal" reboot_starts_sensor_and_keeps_inventory

echo "$failures check(s) failed"
((failures == 0)) || exit 1
