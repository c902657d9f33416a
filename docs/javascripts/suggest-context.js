/* "Suggest a note", its pure part: how many times a quote occurs in the article as `make check` counts
 * (build_tools/link/anchor.py), and the fewest words around it that make it unique. No page is read here:
 * suggest.js gives the article's blocks as text; `window.bxSuggest` also lets the tests call these.
 *
 * Texts are compared as the build compares them (`compared`: any whitespace one space, one quote, one dash);
 * a quote counts only as whole words, overlapping places apart. `context` finds every place of the quote
 * once (Knuth-Morris-Pratt: linear in the article and the quote), then how far the words before and after
 * each place agree with the selected place's (one Z-array over the article each side, on at most the
 * context's length of the selected words), and decides each place in constant time: its work is
 * O(article + places + MAX_CONTEXT), whatever the words, and it reports that work (`work`) for the tests.
 */
(function () {
  "use strict";

  var WORD = /[\p{L}\p{N}_]/u;
  var MAX_CONTEXT = 200; /* characters of prefix or suffix grown at most (the last word may pass it) */
  var QUOTES = /[\u2018\u2019\u201b\u2032]/g;
  var DOUBLE = /[\u201c\u201d\u201e\u2033]/g;
  var DASHES = /[\u2010-\u2014]/g; /* build_tools/text.py: DASHES; phrases.py: QUOTING */

  function isWord(character) {
    return character !== undefined && WORD.test(character);
  }

  /* Text as the build compares it: one space for any whitespace, one quote, one dash (character for character,
   * but for the whitespace runs). */
  function compared(text) {
    return text.replace(/\s+/g, " ").replace(QUOTES, "'").replace(DOUBLE, '"').replace(DASHES, "-");
  }

  /* Calls found(p) for every start p of `words` in `text`, overlapping ones too (KMP: linear). */
  function starts(text, words, found, work) {
    var fail = [0];
    for (var i = 1, k = 0; i < words.length; i++) {
      while (k && words[i] !== words[k]) k = fail[k - 1];
      if (words[i] === words[k]) k++;
      fail[i] = k;
    }
    for (var j = 0, q = 0; j < text.length; j++) {
      work.steps++;
      while (q && text[j] !== words[q]) q = fail[q - 1];
      if (text[j] === words[q]) q++;
      if (q === words.length) {
        found(j - q + 1);
        q = fail[q - 1];
      }
    }
  }

  /* Where the next word outwards from `from` starts (towards the start) or ends: a word, or one sign. */
  function grow(text, from, towardsStart) {
    var at = from;
    if (towardsStart) {
      while (at > 0 && /\s/.test(text[at - 1])) at--;
      if (isWord(text[at - 1])) while (isWord(text[at - 1])) at--;
      else if (at > 0) at--;
    } else {
      while (at < text.length && /\s/.test(text[at])) at++;
      if (isWord(text[at])) while (isWord(text[at])) at++;
      else if (at < text.length) at++;
    }
    return at;
  }

  /* The lengths of the context at each step of growing it from `from`, one word at a time, up to MAX_CONTEXT. */
  function steps(text, from, towardsStart) {
    var lengths = [];
    var at = towardsStart ? from - (text[from - 1] === " " ? 1 : 0) : from + (text[from] === " " ? 1 : 0);
    var edge = from;
    while (towardsStart ? edge > 0 && from - edge < MAX_CONTEXT : edge < text.length && edge - from < MAX_CONTEXT) {
      edge = grow(text, edge, towardsStart);
      lengths.push(towardsStart ? at - edge : edge - at);
    }
    return { at: at, lengths: lengths };
  }

  /* The Z-array of `text`: at each index, how many characters from there agree with the text's start (linear). */
  function zArray(text, work) {
    var z = new Int32Array(text.length);
    for (var i = 1, left = 0, right = 0; i < text.length; i++) {
      var n = i < right ? Math.min(right - i, z[i - left]) : 0;
      while (i + n < text.length && text[n] === text[i + n]) n++;
      work.steps += 1;
      z[i] = n;
      if (i + n > right) {
        left = i;
        right = i + n;
      }
    }
    work.steps += right; /* each character is passed once by the right edge */
    return z;
  }

  /* For every place of the article (its texts joined by "\u0000", which no text holds), how many characters
   * before it (or from it on: `forwards`) agree with `words`, which are the words before (or after) the
   * selected quote, nearest first: one Z-array over the words and the whole article. */
  function agreement(words, joined, forwards, work) {
    var text = forwards ? joined : joined.split("").reverse().join("");
    var z = zArray(words + "\u0000" + text, work);
    return function (at) {
      var index = forwards ? at : joined.length - at; /* before `at`, reversed: from joined.length - at on */
      return index < text.length ? Math.min(z[words.length + 1 + index], words.length) : 0;
    };
  }

  /* How many of the steps a place keeps up with: the context of step k is `lengths[k]` characters long, and
   * the place agrees with the selected one on `same` characters (`below[same]`: the steps shorter than that);
   * at exactly its length, it must also end there as whole words (`boundary(length)`). */
  function kept(lengths, below, same, boundary) {
    var count = below[same];
    if (count < lengths.length && lengths[count] === same && boundary(same)) count++;
    return count;
  }

  /* below[n]: how many of `lengths` (ascending) are shorter than n, for n up to the longest plus one. */
  function shorter(lengths) {
    var longest = lengths.length ? lengths[lengths.length - 1] : 0;
    var below = new Int32Array(longest + 2);
    for (var n = 0, k = 0; n < below.length; n++) {
      while (k < lengths.length && lengths[k] < n) k++;
      below[n] = k;
    }
    return below;
  }

  /* The context that makes the quote at [start, end) of texts[block] unique among `texts` (compared texts of the
   * article's blocks): {before, after} (the prefix is texts[block].slice(before, start), the suffix
   * .slice(end, after)), `unique` (false when even MAX_CONTEXT each side does not tell it apart), `places` (of
   * the quote alone, the selected one included) and `work` (characters read: bounded as the header says).
   * Grown as the build is asked to: the prefix first, word by word, then the suffix. */
  function context(texts, block, start, end) {
    var text = texts[block];
    var quote = text.slice(start, end);
    var work = { steps: 0 };
    var others = [];
    var offset = 0;
    texts.forEach(function (other, index) {
      var base = offset;
      starts(other, quote, function (p) {
        if (index === block && p === start) return;
        if (isWord(quote[0]) && isWord(other[p - 1])) return;
        if (isWord(quote[quote.length - 1]) && isWord(other[p + quote.length])) return;
        var after = p + quote.length;
        others.push({
          text: other,
          left: p - (other[p - 1] === " " ? 1 : 0),
          right: after + (other[after] === " " ? 1 : 0),
          base: base,
        });
      }, work);
      offset += other.length + 1;
    });
    var found = { before: start, after: end, unique: true, places: others.length + 1, work: work };
    if (!others.length) return found;
    var joined = texts.join("\u0000");
    var left = steps(text, start, true);
    var below = shorter(left.lengths);
    var wanted = text.slice(Math.max(0, left.at - below.length + 1), left.at).split("").reverse().join("");
    var before = agreement(wanted, joined, false, work);
    var most = -1;
    var survivors = others.filter(function (place) {
      var count = kept(left.lengths, below, before(place.base + place.left), function (length) {
        return !(isWord(text[left.at - length]) && isWord(place.text[place.left - length - 1]));
      });
      most = Math.max(most, count);
      return count === left.lengths.length;
    });
    if (most < left.lengths.length) return Object.assign(found, { before: left.at - left.lengths[most] });
    if (left.lengths.length) found.before = left.at - left.lengths[left.lengths.length - 1];
    var right = steps(text, end, false);
    below = shorter(right.lengths);
    var after = agreement(text.slice(right.at, right.at + below.length - 1), joined, true, work);
    most = -1;
    survivors.forEach(function (place) {
      var count = kept(right.lengths, below, after(place.base + place.right), function (length) {
        return !(isWord(text[right.at + length - 1]) && isWord(place.text[place.right + length]));
      });
      most = Math.max(most, count);
    });
    if (most < right.lengths.length) return Object.assign(found, { after: right.at + right.lengths[most] });
    if (right.lengths.length) found.after = right.at + right.lengths[right.lengths.length - 1];
    return Object.assign(found, { unique: false });
  }

  window.bxSuggest = { compared: compared, context: context, isWord: isWord, MAX_CONTEXT: MAX_CONTEXT };
})();
