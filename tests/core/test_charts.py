"""The site's bar chart: every name and value inside the chart, values scaled to the maximum, and the
template's text alternative."""

from __future__ import annotations

from django.template.loader import render_to_string

from opengu.core import charts


def test_values_scale_to_the_maximum_and_every_value_fits():
    chart = charts.bar_chart("c", [charts.Row("가", 50, "50%"), charts.Row("나", 100, "100% (12/12)"),
                                   charts.Row("다", None, "목록 미제출"), charts.Row("라", 250, "250%")],
                             maximum=100, title="t", desc="d")
    half, full, missing, over = chart.bars
    assert half.width * 2 == full.width and missing.width == 0 and over.width == full.width
    for bar in chart.bars:
        assert bar.value_x + charts.text_width(bar.shown) <= charts.WIDTH, bar.shown
    assert chart.height == 4 * charts.ROW_HEIGHT and [b.label_y for b in chart.bars][1] == charts.ROW_HEIGHT + 16


def test_a_name_wider_than_the_chart_is_squeezed_not_cut():
    long = "도시재생·균형발전과 지역공동체일자리지원팀 마을기업육성담당"
    chart = charts.bar_chart("c", [charts.Row(long, 1, "1"), charts.Row("복지정책과", 1, "1")], maximum=1,
                             title="t", desc="d")
    assert chart.bars[0].label_fit == charts.WIDTH and chart.bars[1].label_fit is None


def test_no_rows_and_a_zero_maximum_draw_an_empty_chart():
    assert charts.bar_chart("c", [], maximum=0, title="t", desc="d").height == charts.ROW_HEIGHT
    assert charts.bar_chart("c", [charts.Row("가", 3, "3")], maximum=0, title="t", desc="d").bars[0].width == 0


def test_the_template_names_the_chart_and_escapes_its_text():
    chart = charts.bar_chart("x", [charts.Row("<b>과</b>", 1, "1", css="poor")], maximum=1, title="제목 & 뜻",
                             desc="과 1")
    html = render_to_string("core/_bar_chart.html", {"chart": chart})
    assert '<svg role="img" class="bar-chart" aria-labelledby="x-title x-desc"' in html
    assert 'viewBox="0 0 360 44"' in html and '<title id="x-title">제목 &amp; 뜻</title>' in html
    assert '<desc id="x-desc">과 1</desc>' in html and "&lt;b&gt;과&lt;/b&gt;" in html and 'class="bar poor"' in html
