#!/usr/bin/env python3
"""Makes the benchmark's sources, deterministically, from the default purposes.yaml.

    generate.py federation DIR COUNT   COUNT variants of the default, DIR/kumiai-NNNN.yaml
    generate.py large FILE ITEMS       one source with ITEMS purpose items in all

The variants differ as real societies' notices do: the society's name, the contact
section, the dates, and which optional items each one lists. The output is the same on
every run, so timings compare like with like.
"""

import pathlib
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent
DEFAULT = (ROOT / "purposes.yaml").read_text(encoding="utf-8")
NAME = "労働者健康安全機構健康保険組合"

# Items a society may leave out: every one is in a category that keeps other items.
OPTIONAL = [
    "        - 海外療養費に係る翻訳のための外部委託\n",
    "        - 健康増進施設（保養所等）の運営\n",
    "        - 健康増進施設（保養所等）の運営の委託\n",
    "        - コラボヘルスの一環である健診結果の事業者への提供\n",
    "        - レセプトデータの電算処理のためのパンチ入力、画像取込み処理の委託\n",
    "        - 健康保険組合連合会本部における医療費分析事業への参画\n",
]

INDUSTRIES = ["電機", "自動車", "鉄鋼", "化学", "薬品", "印刷", "食品", "建設", "商事", "銀行",
              "証券", "保険", "運輸", "電力", "ガス", "通信", "百貨店", "繊維", "機械", "精密"]
REGIONS = ["東京", "大阪", "名古屋", "福岡", "札幌", "仙台", "広島", "金沢", "高松", "那覇"]

FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def variant(index: int) -> str:
    """The index-th society's purposes.yaml."""
    name = f"{REGIONS[index % len(REGIONS)]}{INDUSTRIES[(index // len(REGIONS)) % len(INDUSTRIES)]}" \
           f"第{str(index + 1).translate(FULLWIDTH)}健康保険組合"
    text = DEFAULT.replace(NAME, name)
    for bit, line in enumerate(OPTIONAL):
        if index >> bit & 1:
            text = text.replace(line, "", 1)
    year = 2005 + index % 12
    text = text.replace("established: 2005-04-01", f"established: {year}-04-01", 1)
    phone = f"03-{index % 10000:04d}-{(index * 7919) % 10000:04d}"
    text = text.replace(
        "  purposes_heading:",
        "  sections:\n"
        "    - heading: お問い合わせ窓口\n"
        f"      body: {name} 総務課　電話 {phone}（平日９時〜17時）\n"
        "  purposes_heading:",
        1,
    )
    return text


def large(items: int) -> str:
    """One source with `items` purpose items, 50 to a category, spread over the kinds."""
    head, _, _ = DEFAULT.partition("\ncategories:\n")
    kinds = ["internal", "review_and_payment", "other_businesses",
             "provide_to_other_agencies", "receive_from_other_agencies"]
    lines = [head, "\ncategories:\n"]
    per_category = 50
    for category in range((items + per_category - 1) // per_category):
        lines.append(f"  - id: c{category:05d}\n")
        lines.append(f"    title: 利用目的の区分その{category + 1}\n")
        lines.append("    items:\n")
        first = category * per_category
        count = min(per_category, items - first)
        for k, kind in enumerate(kinds):
            cell = [n for n in range(first, first + count) if n % len(kinds) == k]
            if not cell:
                continue
            lines.append(f"      {kind}:\n")
            for n in cell:
                lines.append(f"        - 加入者の資格確認及び保険給付に係る事務その{n + 1}"
                             "（レセプトの内容点検・審査を含む。）\n")
    return "".join(lines)


def main() -> None:
    if len(sys.argv) != 4 or sys.argv[1] not in ("federation", "large"):
        sys.exit(__doc__)
    what, target, count = sys.argv[1], pathlib.Path(sys.argv[2]), int(sys.argv[3])
    if what == "federation":
        target.mkdir(parents=True, exist_ok=True)
        for index in range(count):
            (target / f"kumiai-{index + 1:04d}.yaml").write_text(variant(index), encoding="utf-8")
    else:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(large(count), encoding="utf-8")


if __name__ == "__main__":
    main()
