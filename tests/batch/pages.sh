# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by the batch tests: makes short synthetic news pages.

# page FILE TITLE DATE [PARAGRAPHS [EXTRA]]: a saved article page; EXTRA is put
# into the first paragraph, so a page can be changed without changing its title.
page() {
  local file=$1 title=$2 date=$3 n=${4:-2} extra=${5:-} i
  mkdir -p "$(dirname "$file")"
  {
    printf '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>%s</title>\n' "$title"
    printf '<meta property="article:published_time" content="%s">\n' "$date"
    printf '<meta name="description" content="A synthetic page: %s."></head>\n' "$title"
    printf '<body><nav><a href="/">Home</a> <a href="/news">News</a></nav><article><h1>%s</h1>\n' "$title"
    for ((i = 1; i <= n; i++)); do
      printf '<p>%s The council met on Monday, in paragraph %d, to discuss the new bridge over the river, which has been closed since the spring floods.</p>\n' "$extra" "$i"
      printf '<p>Residents said they hoped the work would be finished before the winter, when the detour adds half an hour to every trip.</p>\n'
      extra=""
    done
    printf '</article><footer>Copyright 2026 Example News</footer></body></html>\n'
  } >"$file"
}

# text_page FILE: a plain-text article.
text_page() {
  mkdir -p "$(dirname "$1")"
  cat >"$1" <<'TXT'
Rain returns to the valley

The weather service said on Tuesday that rain would return to the valley by the weekend, ending a dry spell of nearly six weeks.

Farmers welcomed the news, though some said it came too late for the first harvest of the year.
TXT
}
