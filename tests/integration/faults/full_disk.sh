# A real full disk: run inside `unshare -Urm` (a user and mount namespace of its own), so
# that an unprivileged user may mount a small tmpfs, which no one else sees and which goes
# away with the namespace.
#
#   sh full_disk.sh BIN MNT SOURCE PUBLISHED RESULTS MODE
#
# Mounts a tmpfs at MNT; then, for FREE = 0, 1, 2, … until a build succeeds: empties it,
# copies PUBLISHED (the folder as published before; `-` for none) to MNT/out, fills the
# tmpfs until exactly FREE pages (MODE `bytes`) or FREE files (MODE `inodes`) are left,
# and runs, into RESULTS/FREE/:
#   full       the build on the full disk (its .code, .stdout, .stderr), then copies the
#              folder to RESULTS/FREE/after-full;
#   again      with 0 free only: the same build again, still full, with English messages: it
#              must not find the folder locked;
#   recovered  the build once the space is back, then copies the folder to
#              RESULTS/FREE/after-recovered.
# RESULTS/FREE/free holds what the filesystem reports free before the first build.
# Exits 90 when the tmpfs cannot be mounted.
set -u
bin=$1 mnt=$2 source=$3 published=$4 results=$5 mode=$6
out=$mnt/out

inodes=4096
if [ "$mode" = inodes ]; then inodes=128; fi
mount -t tmpfs -o "size=8m,nr_inodes=$inodes,mode=0755" mokuteki-full-disk "$mnt" || exit 90

build() { # NAME [LANG]
    LANG=${2:-ja_JP.UTF-8} "$bin" build --source "$source" --out "$out" \
        >"$case/$1.stdout" 2>"$case/$1.stderr" </dev/null
    echo $? >"$case/$1.code"
}

free=0
while [ "$free" -le 200 ]; do
    case=$results/$free
    mkdir -p "$case"
    find "$mnt" -mindepth 1 -delete
    if [ "$published" != - ]; then
        cp -a "$published" "$out"
    fi
    if [ "$mode" = bytes ]; then
        # Full to the last page (writes stop at a page boundary), then exactly FREE pages
        # given back.
        cat /dev/zero >"$mnt/filler" 2>/dev/null
        size=$(stat -c %s "$mnt/filler")
        truncate -s $((size - free * 4096)) "$mnt/filler"
        stat -f -c %a "$mnt" >"$case/free"
    else
        mkdir "$mnt/fillers"
        count=0
        while true 2>/dev/null >"$mnt/fillers/$count"; do count=$((count + 1)); done
        while [ "$(stat -f -c %d "$mnt")" -lt "$free" ]; do
            count=$((count - 1))
            rm "$mnt/fillers/$count"
        done
        stat -f -c %d "$mnt" >"$case/free"
    fi
    build full
    if [ -d "$out" ]; then cp -a "$out" "$case/after-full"; fi
    if [ "$free" = 0 ]; then build again C; fi
    rm -rf "$mnt/filler" "$mnt/fillers"
    build recovered
    cp -a "$out" "$case/after-recovered"
    if [ "$(cat "$case/full.code")" = 0 ]; then
        exit 0
    fi
    free=$((free + 1))
done
exit 91
