#!/bin/sh
# embed.sh OUT SYMBOL FILE...: writes a C file that holds each FILE's bytes as
# `const struct embedded SYMBOL[]` (basename, bytes, length), ending with a NULL name.
set -eu
out=$1; sym=$2; shift 2
{
	echo '#include "core/embed.h"'
	echo "const struct embedded ${sym}[] = {"
	for f in "$@"; do
		printf '\t{ "%s", ' "$(basename "$f")"
		od -An -v -tx1 "$f" | tr -s ' \n' ' ' | sed -e 's/^ //' -e 's/ $//' \
			| awk 'BEGIN{ORS=""} {n=split($0,a," "); printf "\""; for(i=1;i<=n;i++){ printf "\\x%s", a[i]; if(i%40==0 && i<n) printf "\"\n\t  \"" } printf "\""}'
		printf ', %s },\n' "$(wc -c <"$f" | tr -d ' ')"
	done
	printf '\t{ 0, 0, 0 }\n};\n'
} >"$out.tmp"
mv "$out.tmp" "$out"
