#!/usr/bin/env bash
# The tree GitHub Pages serves: the published site at its root, and under apercu/<number>/ the
# preview of each open pull request. It is kept in the branch « site-publie » of the repository
# (one commit, force-pushed: old PDFs never pile up in the history), and left in ./pages for the
# official Pages actions to deploy.
#
#   tools/pages.sh publier DOSSIER         the published site, at the root; the previews stay
#   tools/pages.sh apercu NUMERO DOSSIER   the preview of pull request NUMERO
#   tools/pages.sh retirer NUMERO          the preview of a closed pull request, removed
#
# Used by the workflows « Vérification » (job « Publier ») and « Aperçu ».
set -euo pipefail

BRANCH=site-publie
TREE=pages

number() {
  [[ "$1" =~ ^[0-9]+$ ]] || { echo "numéro de demande de fusion invalide : $1" >&2; exit 2; }
  echo "$1"
}

rm -rf "$TREE"
mkdir "$TREE"
if git fetch --quiet --depth=1 origin "$BRANCH" 2>/dev/null; then
  git archive FETCH_HEAD | tar -x -C "$TREE"
fi

case "${1:-}" in
  publier)
    find "$TREE" -mindepth 1 -maxdepth 1 ! -name apercu -exec rm -rf {} +
    cp -a "$2"/. "$TREE"/
    ;;
  apercu)
    preview="$TREE/apercu/$(number "$2")"
    rm -rf "$preview"
    mkdir -p "$preview"
    cp -a "$3"/. "$preview"/
    ;;
  retirer)
    rm -rf "$TREE/apercu/$(number "$2")"
    ;;
  *)
    echo "usage : tools/pages.sh publier DOSSIER | apercu NUMERO DOSSIER | retirer NUMERO" >&2
    exit 2
    ;;
esac
touch "$TREE/.nojekyll" # the files as they are, no Jekyll

# One commit holding the tree, made without touching the checkout.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
index="$scratch/index"
GIT_INDEX_FILE="$index" git --work-tree="$TREE" add --all --force
tree=$(GIT_INDEX_FILE="$index" git write-tree)
commit=$(git -c user.name="github-actions[bot]" \
  -c user.email="41898282+github-actions[bot]@users.noreply.github.com" \
  commit-tree "$tree" -m "Site servi par GitHub Pages : $1 ${2:-}")
git push --quiet --force origin "$commit:refs/heads/$BRANCH"
