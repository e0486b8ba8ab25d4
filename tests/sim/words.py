"""Numbers as people write them in words (the simulator's own, independent of the bot's text2num)."""
ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
        "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def words(n) -> str:
    if isinstance(n, float) and not n.is_integer():
        whole = int(n)
        return f"{words(whole)} and a half" if n - whole == 0.5 else str(n)
    n = int(n)
    if n < 20:
        return ONES[n]
    if n < 100:
        return TENS[n // 10] + ("" if n % 10 == 0 else "-" + ONES[n % 10])
    if n < 1000:
        rest = n % 100
        return ONES[n // 100] + " hundred" + ("" if rest == 0 else " and " + words(rest))
    if n < 1_000_000:
        rest = n % 1000
        return words(n // 1000) + " thousand" + ("" if rest == 0 else " " + words(rest))
    return str(n)


def num(v) -> str:
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return str(v)
