# Shell function shared by the benchmark scripts; source it, do not run it.

# Creates namespaces $1 and $2 joined by veth $3 (in $1) and $4 (in $2), MTU 1500, offloads off
# so the kernel hands up MTU-size frames instead of 64 KB super-frames. $5 and $6 are optional
# addresses (/24); a side without one is kept silent: no IPv6, no ARP, no multicast.
veth_pair() {
    ip netns del "$1" 2>/dev/null || true
    ip netns del "$2" 2>/dev/null || true
    ip netns add "$1"
    ip netns add "$2"
    ip link add "$3" type veth peer name "$4"
    ip link set "$3" netns "$1"
    ip link set "$4" netns "$2"
    local pair
    for pair in "$1 $3 ${5:-}" "$2 $4 ${6:-}"; do
        set -- $pair
        ip -n "$1" link set lo up
        if [[ -z ${3:-} ]]; then
            # The replay pair stays silent, so the sensor captures the replayed frames and nothing else.
            ip netns exec "$1" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
            ip -n "$1" link set "$2" arp off multicast off
        fi
        ip -n "$1" link set "$2" mtu 1500 up
        ip netns exec "$1" ethtool -K "$2" tso off gso off gro off >/dev/null
        if [[ -n ${3:-} ]]; then
            ip -n "$1" addr add "$3/24" dev "$2"
        fi
    done
}
