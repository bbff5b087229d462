#!/usr/bin/env python3
# discretion_demo.py: writes the demo county's discretion tables, data/discretion/*.json
# (format: docs/discretion.md). Run from the repository root. The numbers are
# ILLUSTRATIVE demo values, not an official benchmark.
#
# The tables share one skeleton of disjoint rules (build); the expected results of their
# embedded tests come from an ordered "first line wins" model (ref_eval) written apart from
# the skeleton, so the engine's proof and tests check one against the other.
import json
Y = 100  # fen per yuan
NP_OTHER = "责令改正；对当事人进行教育（《中华人民共和国行政处罚法》第三十三条第三款）"

def inputs(amount, minor):
    ins = [
        {"name": "first_violation", "type": "bool", "zh": "初次违法（此前未因同类违法行为受过行政处罚）"},
        {"name": "corrected", "type": "bool", "zh": "在责令改正期限内及时改正"},
        {"name": "harm", "type": "enum", "values": ["none", "slight", "serious"],
         "zh": "危害后果：none 无、slight 轻微、serious 严重（造成人身伤害、较大财产损失或恶劣社会影响）"},
        {"name": "repeat", "type": "bool", "zh": "一年内因同一违法行为受过行政处罚后再次违法"},
        {"name": "art32", "type": "bool",
         "zh": "具有《行政处罚法》第三十二条应当从轻或者减轻情形（主动消除或者减轻危害后果、受他人胁迫或者诱骗、主动供述、配合查处有立功表现等）"},
    ]
    if minor:
        ins.append({"name": "minor", "type": "bool", "zh": "当事人为已满十四周岁不满十八周岁的未成年人（《行政处罚法》第三十条）"})
    ins.append(amount["input"])
    return ins

# the disjoint pieces of "not no-penalty": (suffix, conditions, adult outcome)
PIECES = [
    ("repeat", {"repeat": True}, "heavier"),
    ("serious", {"repeat": False, "harm": {"in": ["serious"]}}, "heavier"),
    ("uncorrected", {"repeat": False, "harm": {"in": ["none", "slight"]}, "corrected": False}, "ordinary"),
    ("corrected", {"repeat": False, "harm": {"in": ["slight"]}, "corrected": True, "first_violation": False}, "lighter"),
]
PIECE_ZH = {
    "repeat": "一年内再次违法",
    "serious": "造成严重危害后果",
    "uncorrected": "未及时改正、无严重后果",
    "corrected": "及时改正但有轻微危害后果且非初次违法",
}

def fine(rng):
    if rng[0] == "x":
        return {"fine_multiple": {"of": rng[1], "min": rng[2], "max": rng[3]}}
    return {"fine_min_fen": rng[0] * Y, "fine_max_fen": rng[1] * Y}

def build(spec):
    am = spec["amount"]
    minor = spec["minor"]
    rules = []
    rules.append({"id": "np-33-1", "when": {"corrected": True, "repeat": False, "harm": {"in": ["none"]}},
                  "outcome": "no_penalty", "fine_min_fen": 0, "fine_max_fen": 0, "other_penalties": NP_OTHER,
                  "basis": "《中华人民共和国行政处罚法》第三十三条第一款前段",
                  "explanation_zh": "违法行为轻微并及时改正，没有造成危害后果的，不予行政处罚。"})
    rules.append({"id": "np-33-2", "when": {"corrected": True, "repeat": False, "harm": {"in": ["slight"]}, "first_violation": True},
                  "outcome": "no_penalty", "fine_min_fen": 0, "fine_max_fen": 0, "other_penalties": NP_OTHER,
                  "basis": "《中华人民共和国行政处罚法》第三十三条第一款后段",
                  "explanation_zh": "初次违法且危害后果轻微并及时改正，本基准列入首违不罚情形，不予行政处罚。"})
    for tier in am["tiers"]:
        tid, tcond, tzh, ranges, other = tier["id"], tier["when"], tier["zh"], tier["ranges"], tier.get("other", {})
        for (suf, cond, adult) in PIECES:
            groups = [("mit", {"art32": True}, "mitigated",
                       "《中华人民共和国行政处罚法》第三十二条",
                       "具有第三十二条规定情形，应当从轻或者减轻处罚，本基准予以减轻处罚（低于法定最低限）。")]
            if minor:
                groups.append(("minor", {"art32": False, "minor": True}, "lighter",
                               "《中华人民共和国行政处罚法》第三十条",
                               "已满十四周岁不满十八周岁的未成年人违法，应当从轻或者减轻处罚，本基准予以从轻处罚。"))
                adult_cond = {"art32": False, "minor": False}
            else:
                adult_cond = {"art32": False}
            out_adult = spec.get("piece_outcome", {}).get(suf, adult)
            zh_out = {"heavier": "从重处罚", "ordinary": "一般处罚", "lighter": "从轻处罚"}[out_adult]
            groups.append(("adult", adult_cond, out_adult, spec["basis_article"],
                           "%s，%s。" % (PIECE_ZH[suf], zh_out)))
            for (g, gcond, outc, basis, expl) in groups:
                w = {}
                w.update(cond); w.update(gcond); w[am["input"]["name"]] = tcond
                r = {"id": "%s-%s-%s" % (g, suf, tid), "when": w, "outcome": outc}
                r.update(fine(ranges[outc]))
                if other.get(outc) or spec["other"].get(outc):
                    r["other_penalties"] = other.get(outc) or spec["other"][outc]
                r["basis"] = basis
                r["explanation_zh"] = "%s：%s" % (tzh, expl)
                rules.append(r)
    return rules

def ref_eval(spec, c):
    """Ordered reference model: the first applicable line wins."""
    am = spec["amount"]
    if c["corrected"] and not c["repeat"] and c["harm"] == "none":
        return ("np-33-1", "no_penalty", 0, 0)
    if c["corrected"] and not c["repeat"] and c["harm"] == "slight" and c["first_violation"]:
        return ("np-33-2", "no_penalty", 0, 0)
    v = c[am["input"]["name"]]
    tier = next(t for t in am["tiers"] if t["test"](v))
    if c["repeat"]: suf = "repeat"
    elif c["harm"] == "serious": suf = "serious"
    elif not c["corrected"]: suf = "uncorrected"
    else: suf = "corrected"
    if c["art32"]: g, outc = "mit", "mitigated"
    elif spec["minor"] and c["minor"]: g, outc = "minor", "lighter"
    else:
        g = "adult"
        outc = spec.get("piece_outcome", {}).get(suf, dict((p[0], p[2]) for p in PIECES)[suf])
    rng = tier["ranges"][outc]
    if rng[0] == "x":
        lo, hi = v * rng[2], v * rng[3]
    else:
        lo, hi = rng[0] * Y, rng[1] * Y
    return ("%s-%s-%s" % (g, suf, tier["id"]), outc, lo, hi)

def case(spec, name, note, **kw):
    c = {"first_violation": False, "corrected": False, "harm": "none", "repeat": False, "art32": False}
    if spec["minor"]: c["minor"] = False
    c[spec["amount"]["input"]["name"]] = 0
    c.update(kw)
    rule, outc, lo, hi = ref_eval(spec, c)
    return {"name": name, "note": note, "circumstances": c,
            "expect": {"rule": rule, "outcome": outc, "min_fen": lo, "max_fen": hi}}

def emit(spec, path):
    doc = {
        "item_code": spec["item_code"], "version": spec["version"], "title": spec["title"],
        "effective_from": spec["from"],
    }
    if spec.get("to"): doc["effective_to"] = spec["to"]
    doc["note"] = "演示数据：裁量档次与金额为示意值，并非任何机关发布的正式裁量基准 (illustrative demo values, not official)。" + spec.get("note", "")
    doc["basis"] = {"law": spec["law"], "article": spec["article"], "benchmark": spec["benchmark"]}
    doc["inputs"] = inputs(spec["amount"], spec["minor"])
    doc["hit_policy"] = "unique"
    doc["rules"] = build(spec)
    doc["tests"] = [case(spec, *t[:2], **t[2]) for t in spec["tests"]]
    with open(path, "w") as f:
        f.write(json.dumps(doc, ensure_ascii=False, indent="\t"))
        f.write("\n")

D = "data/discretion/"
BENCH = "柯城区综合行政执法局行政处罚裁量基准（演示，示意值）"

gains = lambda name, zh: {"name": name, "type": "int", "zh": zh}

food = {
 "item_code": "SC000001", "version": "2024.1", "from": "2024-01-01",
 "title": "未取得食品经营许可从事食品经营",
 "law": "中华人民共和国食品安全法", "article": "第一百二十二条第一款",
 "benchmark": "柯城区市场监督管理局食品安全行政处罚裁量基准（演示，示意值）",
 "basis_article": "《中华人民共和国食品安全法》第一百二十二条第一款",
 "minor": True,
 "amount": {"input": gains("goods_value_fen", "违法经营的食品货值金额（分）"),
  "tiers": [
   {"id": "t1", "when": {"lt": 1000000}, "test": lambda v: v < 1000000, "zh": "货值金额不足一万元",
    "ranges": {"mitigated": (10000, 40000), "lighter": (50000, 65000), "ordinary": (65000, 85000), "heavier": (85000, 100000)}},
   {"id": "t2", "when": {"ge": 1000000}, "test": lambda v: v >= 1000000, "zh": "货值金额一万元以上",
    "ranges": {"mitigated": ("x", "goods_value_fen", 5, 9), "lighter": ("x", "goods_value_fen", 10, 13),
               "ordinary": ("x", "goods_value_fen", 13, 17), "heavier": ("x", "goods_value_fen", 17, 20)}}]},
 "other": {"mitigated": "没收违法所得和违法经营的食品", "lighter": "没收违法所得和违法经营的食品",
           "ordinary": "没收违法所得和违法经营的食品、用于违法经营的工具、设备、原料等物品",
           "heavier": "没收违法所得和违法经营的食品、用于违法经营的工具、设备、原料等物品"},
 "tests": [
  ("stall_first_time_no_harm_corrected", "流动摊贩初次无证售卖自制糕点，货值300元，当场停止经营并申请许可，无危害后果：第三十三条第一款不予处罚",
   dict(first_violation=True, corrected=True, harm="none", goods_value_fen=30000)),
  ("shop_value_8000_uncorrected", "小吃店无证经营，货值8000元，未按期改正，无危害后果：一般处罚 6.5万–8.5万元",
   dict(goods_value_fen=800000)),
  ("edge_value_exactly_10000_is_tier2", "货值恰为一万元（“一万元以上”含本数），未改正：按货值13–17倍",
   dict(goods_value_fen=1000000)),
  ("edge_value_9999_99_is_tier1", "货值9999.99元（差一分不足一万元），未改正：一般处罚 6.5万–8.5万元",
   dict(goods_value_fen=999999)),
  ("value_20000_food_poisoning", "货值2万元，造成多人食物中毒：从重处罚，货值17–20倍",
   dict(harm="serious", goods_value_fen=2000000)),
  ("voluntary_recall_art32", "货值5000元，主动召回、消除危害后果（第三十二条）：减轻处罚 1万–4万元",
   dict(art32=True, harm="slight", goods_value_fen=500000)),
  ("first_time_slight_harm_corrected", "初次违法，货值600元，顾客轻微不适后即停止经营并申请许可：第三十三条第一款后段首违不罚",
   dict(first_violation=True, corrected=True, harm="slight", goods_value_fen=60000)),
  ("second_time_slight_harm_corrected", "非初次违法，轻微危害，及时改正：从轻 5万–6.5万元",
   dict(corrected=True, harm="slight", goods_value_fen=60000)),
  ("minor_vendor_16", "16周岁摊贩，货值2000元，未改正：第三十条从轻 5万–6.5万元",
   dict(minor=True, goods_value_fen=200000)),
 ]}

litter = {
 "item_code": "CG000001", "version": "2024.1", "from": "2024-01-01",
 "title": "随地乱扔废弃物、不按规定倾倒或堆放垃圾杂物",
 "law": "城市市容和环境卫生管理条例", "article": "第三十四条",
 "benchmark": BENCH,
 "basis_article": "《城市市容和环境卫生管理条例》第三十四条",
 "minor": True,
 "amount": {"input": gains("area_m2", "乱堆乱放或倾倒占地面积（平方米，取整）"),
  "tiers": [
   {"id": "small", "when": {"lt": 5}, "test": lambda v: v < 5, "zh": "占地不足五平方米",
    "ranges": {"mitigated": (0, 0), "lighter": (20, 50), "ordinary": (50, 100), "heavier": (100, 150)}},
   {"id": "large", "when": {"ge": 5}, "test": lambda v: v >= 5, "zh": "占地五平方米以上",
    "ranges": {"mitigated": (0, 0), "lighter": (50, 100), "ordinary": (100, 150), "heavier": (150, 200)}}]},
 "other": {"mitigated": "警告；责令纠正违法行为、采取补救措施", "lighter": "责令纠正违法行为、采取补救措施",
           "ordinary": "责令纠正违法行为、采取补救措施", "heavier": "责令纠正违法行为、采取补救措施"},
 "tests": [
  ("cigarette_butt_picked_up", "随手扔烟头，经劝导当场拾起：第三十三条第一款不予处罚",
   dict(corrected=True, harm="none", area_m2=0)),
  ("sundries_3m2_refused_to_clear", "店门口堆放杂物3平方米，拒不清理：一般处罚 50–100元",
   dict(area_m2=3)),
  ("edge_area_4_vs_5", "堆放面积恰为5平方米（“以上”含本数），未清理：一般处罚 100–150元",
   dict(area_m2=5)),
  ("dumping_repeat_within_year", "一年内第二次在绿化带倾倒建筑垃圾8平方米：从重 150–200元",
   dict(repeat=True, area_m2=8, corrected=True)),
  ("minor_graffiti", "15周岁学生乱贴小广告，未清除：第三十条从轻 20–50元",
   dict(minor=True, area_m2=1)),
  ("cleared_up_and_reported_art32", "主动清除并消除影响（第三十二条），此前未改正：减轻为警告",
   dict(art32=True, area_m2=6)),
 ]}

def fume(version, frm, to, r1, r2, note):
    return {
 "item_code": "CG000041", "version": version, "from": frm, "to": to,
 "title": "餐饮服务业经营者未安装或不正常使用油烟净化设施，超标排放油烟",
 "law": "中华人民共和国大气污染防治法", "article": "第一百一十八条第一款",
 "benchmark": BENCH, "note": note,
 "basis_article": "《中华人民共和国大气污染防治法》第一百一十八条第一款",
 "minor": True,
 "amount": {"input": gains("excess_pct", "油烟排放浓度超过排放标准的百分比（整数，超标一倍为100）"),
  "tiers": [
   {"id": "t1", "when": {"lt": 100}, "test": lambda v: v < 100, "zh": "超标不足一倍", "ranges": r1},
   {"id": "t2", "when": {"ge": 100}, "test": lambda v: v >= 100, "zh": "超标一倍以上", "ranges": r2}]},
 "other": {"heavier": "拒不改正的，责令停业整治"},
 "tests": [
  ("first_time_no_harm_fixed_purifier", "初次检查发现净化器未开启，当场开启，无投诉：不予处罚",
   dict(first_violation=True, corrected=True, excess_pct=40)),
  ("bbq_shop_uncorrected_50pct", "烧烤店超标50%，限期内未改正：一般处罚",
   dict(excess_pct=50)),
  ("edge_99_vs_100_pct", "超标恰好一倍（100%，“以上”含本数），未改正：第二档一般处罚",
   dict(excess_pct=100)),
  ("residents_complaints_repeat", "一年内再次超标排放、居民多次投诉：从重",
   dict(repeat=True, excess_pct=150, harm="slight")),
  ("first_time_slight_complaint_corrected", "初次违法，一户居民投诉（轻微后果），限期内加装净化设施：首违不罚",
   dict(first_violation=True, corrected=True, harm="slight", excess_pct=60)),
  ("not_first_slight_corrected_150pct", "非初次，超标1.5倍，轻微后果，限期内改正：第二档从轻",
   dict(corrected=True, harm="slight", excess_pct=150)),
  ("minor_helper_running_stall", "17周岁经营者超标30%，未改正：第三十条从轻",
   dict(minor=True, excess_pct=30)),
 ]}

fume_old = fume("2023.1", "2023-01-01", "2025-12-31",
  {"mitigated": (2000, 4500), "lighter": (5000, 15000), "ordinary": (15000, 30000), "heavier": (30000, 50000)},
  {"mitigated": (3000, 4500), "lighter": (10000, 20000), "ordinary": (20000, 35000), "heavier": (35000, 50000)},
  "旧版，2025-12-31 失效，由 2026.1 版取代。")
fume_new = fume("2026.1", "2026-01-01", None,
  {"mitigated": (1000, 4000), "lighter": (5000, 10000), "ordinary": (10000, 20000), "heavier": (20000, 40000)},
  {"mitigated": (2000, 4500), "lighter": (8000, 15000), "ordinary": (15000, 30000), "heavier": (30000, 50000)},
  "新版，自 2026-01-01 施行，各档次较 2023.1 版为轻；对施行前的违法行为依《行政处罚法》第三十七条从旧兼从轻。")

road = {
 "item_code": "JT000002", "version": "2024.1", "from": "2024-01-01",
 "title": "未取得道路运输经营许可，擅自从事道路客运经营",
 "law": "中华人民共和国道路运输条例", "article": "第六十三条第（二）项",
 "benchmark": "柯城区交通运输行政处罚裁量基准（演示，示意值）",
 "basis_article": "《中华人民共和国道路运输条例》第六十三条第（二）项",
 "minor": False,
 "note": "条例对“违法所得超过2万元”和“不足2万元”分别规定，恰为2万元的情形由本基准归入固定金额档。驾驶客运车辆须成年，故不设未成年人情节。",
 "amount": {"input": gains("illegal_gains_fen", "违法所得（分）"),
  "tiers": [
   {"id": "fixed", "when": {"le": 2000000}, "test": lambda v: v <= 2000000, "zh": "没有违法所得或者违法所得不超过二万元",
    "ranges": {"mitigated": (5000, 9000), "lighter": (10000, 30000), "ordinary": (30000, 70000), "heavier": (100000, 200000)}},
   {"id": "multiple", "when": {"gt": 2000000}, "test": lambda v: v > 2000000, "zh": "违法所得超过二万元",
    "ranges": {"mitigated": ("x", "illegal_gains_fen", 1, 1), "lighter": ("x", "illegal_gains_fen", 2, 4),
               "ordinary": ("x", "illegal_gains_fen", 4, 7), "heavier": ("x", "illegal_gains_fen", 7, 10)}}]},
 "other": {"mitigated": "责令停止经营；没收违法所得", "lighter": "责令停止经营；没收违法所得",
           "ordinary": "责令停止经营；没收违法所得", "heavier": "责令停止经营；没收违法所得"},
 "tests": [
  ("first_trip_caught_stopped_no_fare", "首次被查，尚未收费，当场停止经营，无危害后果：不予处罚",
   dict(first_violation=True, corrected=True, illegal_gains_fen=0)),
  ("black_car_gains_3000_yuan", "“黑车”违法所得3000元，未停止经营：一般处罚 3万–7万元",
   dict(illegal_gains_fen=300000)),
  ("edge_gains_exactly_20000_fixed_tier", "违法所得恰为2万元：归入固定金额档，一般处罚 3万–7万元",
   dict(illegal_gains_fen=2000000)),
  ("edge_gains_one_fen_over_20000", "违法所得2万元零1分（超过2万元）：违法所得4–7倍",
   dict(illegal_gains_fen=2000001)),
  ("accident_with_injuries", "违法所得5万元并发生致人受伤的事故：从重 7–10倍",
   dict(harm="serious", illegal_gains_fen=5000000)),
  ("confessed_other_trips_art32", "主动供述执法机关尚未掌握的违法经营（第三十二条）：减轻 5千–9千元",
   dict(art32=True, illegal_gains_fen=100000)),
 ]}

ad = {
 "item_code": "SC000027", "version": "2024.1", "from": "2024-01-01",
 "title": "发布虚假广告（广告主）",
 "law": "中华人民共和国广告法", "article": "第五十五条第一款",
 "benchmark": "柯城区市场监督管理局广告违法行为行政处罚裁量基准（演示，示意值）",
 "basis_article": "《中华人民共和国广告法》第五十五条第一款",
 "minor": False,
 "note": "当事人为广告主（经营者），不设未成年人情节。广告费用无法计算或者明显偏低的，以广告费用 0 录入。",
 "amount": {"input": gains("ad_fee_fen", "广告费用（分；无法计算或者明显偏低的填 0）"),
  "tiers": [
   {"id": "nofee", "when": {"eq": 0}, "test": lambda v: v == 0, "zh": "广告费用无法计算或者明显偏低",
    "ranges": {"mitigated": (50000, 150000), "lighter": (200000, 400000), "ordinary": (400000, 1000000), "heavier": (1000000, 2000000)}},
   {"id": "fee", "when": {"ge": 1}, "test": lambda v: v >= 1, "zh": "按广告费用计算",
    "ranges": {"mitigated": ("x", "ad_fee_fen", 1, 2), "lighter": ("x", "ad_fee_fen", 3, 4),
               "ordinary": ("x", "ad_fee_fen", 4, 5), "heavier": ("x", "ad_fee_fen", 5, 10)}}]},
 "other": {"mitigated": "责令停止发布广告，责令在相应范围内消除影响", "lighter": "责令停止发布广告，责令在相应范围内消除影响",
           "ordinary": "责令停止发布广告，责令在相应范围内消除影响",
           "heavier": "责令停止发布广告，责令在相应范围内消除影响；两年内有三次以上违法行为或者有其他严重情节的，可以吊销营业执照"},
 "tests": [
  ("leaflet_first_time_withdrawn", "首次在店内张贴夸大功效的海报，当场撤除，未造成后果：不予处罚",
   dict(first_violation=True, corrected=True, ad_fee_fen=20000)),
  ("online_ad_fee_50000_not_withdrawn", "网络广告费用5万元，未停止发布：一般处罚 4–5倍（20万–25万元）",
   dict(ad_fee_fen=5000000)),
  ("fee_unknown_serious", "广告费用无法计算，消费者受骗损失较大：从重 100万–200万元",
   dict(harm="serious", ad_fee_fen=0)),
  ("edge_fee_one_fen", "广告费用仅0.01元（按费用档），未改正：一般处罚 4–5倍",
   dict(ad_fee_fen=1)),
  ("first_time_slight_corrected_online", "初次违法，网店商品页夸大宣传，少量投诉后即删除：首违不罚",
   dict(first_violation=True, corrected=True, harm="slight", ad_fee_fen=300000)),
  ("refunded_consumers_art32", "主动退款消除危害后果（第三十二条），费用1万元：减轻 1–2倍",
   dict(art32=True, harm="slight", ad_fee_fen=1000000)),
 ]}

SPECS = [(food, D + "SC000001-2024.1.json"), (litter, D + "CG000001-2024.1.json"),
         (fume_old, D + "CG000041-2023.1.json"), (fume_new, D + "CG000041-2026.1.json"),
         (road, D + "JT000002-2024.1.json"), (ad, D + "SC000027-2024.1.json")]

for spec, path in SPECS:
    emit(spec, path)
