# Prints the completions zsh offers for a command line, one per line ("word -- description").
# usage: zsh test/helpers/zsh-complete.zsh FPATH_DIR "ortop --pa". Runs an interactive zsh in a zpty,
# presses Tab and records what compadd is given (after Valodim's zsh-capture-completion).
zmodload zsh/zpty || exit 1
fdir=$1; shift
zpty z zsh -f -i
local line
setopt rcquotes
() {
    zpty -w z source $1
    repeat 4; do
        zpty -r z line
        [[ $line == ok* ]] && return
    done
    echo 'error initializing.' >&2
    exit 2
} =( <<< "
PROMPT=
fpath=($fdir \$fpath)
autoload -U compinit
compinit -u -D
bindkey '^M' undefined
bindkey '^J' undefined
bindkey '^I' complete-word
null-line () { echo -E - \$'\0' }
compprefuncs=( null-line )
comppostfuncs=( null-line exit )
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
zstyle ':completion:*' list-separator ''
compadd () {
    if [[ \${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then
        builtin compadd \"\$@\"
        return \$?
    fi
    typeset -a __hits __dscr __tmp
    if (( \$@[(I)-d] )); then
        __tmp=\${@[\$[\${@[(i)-d]}+1]]}
        if [[ \$__tmp == \\(* ]]; then
            eval \"__dscr=\$__tmp\"
        else
            __dscr=( \"\${(@P)__tmp}\" )
        fi
    fi
    builtin compadd -A __hits -D __dscr \"\$@\"
    [[ -n \$__hits ]] || return
    for i in {1..\$#__hits}; do echo -E - \"\$IPREFIX\$__hits[\$i] -- \$__dscr[\$i]\"; done
}
echo ok")
zpty -w z "$*"$'\t'
integer tog=0
while zpty -r z; do :; done | while IFS= read -r line; do
    if [[ $line == *$'\0\r' ]]; then
        (( tog++ )) && exit 0 || continue
    fi
    (( tog )) && echo -E - $line
done
exit 2
