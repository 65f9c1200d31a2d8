"""The row API in the two conventions Korean developers already use, over the one datastore.

- data.go.kr (공공데이터포털): `/openapi/<dataset>/<resource>?serviceKey=&pageNo=&numOfRows=&returnType=`,
  answering `response/header/{resultCode,resultMsg}` and `response/body/{items/item,numOfRows,pageNo,
  totalCount}` in XML (the portal's default) or JSON. Other query parameters named like a column
  filter it by equality.
- Seoul (서울 열린데이터광장): `/seoulapi/<KEY>/<json|xml>/<SERVICE>/<START>/<END>/[값1/값2/…]`,
  answering `{SERVICE: {list_total_count, RESULT: {CODE, MESSAGE}, row: […]}}`; the extra path
  segments filter the columns in dictionary order (an empty or blank segment skips a column).
  Mounted under `/seoulapi/` so a key can never clash with the district's own pages.

Both check the key, its daily quota and per-minute limit (`services.api_call_admit`) and answer
with their own error codes; a quota or rate refusal is also HTTP 429. Answers read from a table
(normal and no-data) carry ETag and Last-Modified as CKAN's do (`caching`): the version read plus
the request without its key; a client repeating one with If-None-Match or If-Modified-Since gets
304 once its key is admitted (the call counts).
"""

from __future__ import annotations

import json
import logging
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from django.http import HttpRequest, HttpResponse, HttpResponseBase
from django.views.decorators.http import require_http_methods

from opengu.opendata import caching, datastore, selectors, services
from opengu.opendata.models import ApiUsage, Dataset, Resource

logger = logging.getLogger(__name__)

MAX_ROWS = 1000
SEOUL_SAMPLE_ROWS = 5

# data.go.kr result codes (공공데이터포털 OpenAPI 에러 코드).
DATA_GO_KR_MESSAGES = {
    "00": "NORMAL SERVICE.",
    "03": "NODATA_ERROR",
    "10": "INVALID_REQUEST_PARAMETER_ERROR",
    "11": "NO_MANDATORY_REQUEST_PARAMETERS_ERROR",
    "12": "NO_OPENAPI_SERVICE_ERROR",
    "22": "LIMITED_NUMBER_OF_SERVICE_REQUESTS_EXCEEDS_ERROR",
    "30": "SERVICE_KEY_IS_NOT_REGISTERED_ERROR",
    "99": "UNKNOWN_ERROR",
}

# Seoul open API result codes, with the portal's own Korean messages.
SEOUL_MESSAGES = {
    "INFO-000": "정상 처리되었습니다",
    "INFO-100": "인증키가 유효하지 않습니다. 인증키를 확인하십시오.",
    "INFO-200": "해당하는 데이터가 없습니다.",
    "INFO-300": "유효 호출건수를 이미 초과하셨습니다.",
    "ERROR-300": "필수 값이 누락되어 있습니다. 요청인자를 참고 하십시오.",
    "ERROR-301": "파일타입 값이 누락 혹은 유효하지 않습니다. 요청인자 중 TYPE을 확인하십시오.",
    "ERROR-310": "해당하는 서비스를 찾을 수 없습니다. 요청인자 중 SERVICE를 확인하십시오.",
    "ERROR-331": "요청시작위치 값을 확인하십시오. 요청인자 중 START_INDEX를 확인하십시오.",
    "ERROR-332": "요청종료위치 값을 확인하십시오. 요청인자 중 END_INDEX를 확인하십시오.",
    "ERROR-333": "요청위치 값의 타입이 유효하지 않습니다. 요청위치 값은 정수를 입력하세요.",
    "ERROR-334": "요청종료위치 보다 요청시작위치가 더 큽니다. 요청시작조회건수는 정수를 입력하세요.",
    "ERROR-335": "샘플데이터(샘플키:sample) 는 한번에 최대 5건을 넘을 수 없습니다.",
    "ERROR-336": "데이터요청은 한번에 최대 1000건을 넘을 수 없습니다.",
    "ERROR-500": "서버 오류입니다.",
}

REFUSED = {services.Admission.UNKNOWN_KEY, services.Admission.DAILY_QUOTA, services.Admission.RATE_LIMIT}
_INVALID_XML_NAME = re.compile(r"[^\w.-]")
_INVALID_XML_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f]")


@dataclass
class Served:
    """A live table found for a dataset (and resource): what both faces query."""

    dataset: Dataset
    resource: Resource


def _served(dataset_identifier: str, resource_identifier: str = "") -> Served | None:
    """The published dataset's live datastore resource: the one named by id, else its first."""
    dataset = selectors.dataset_by_id_or_slug(dataset_identifier)
    if dataset is None or not dataset.published:
        return None
    for resource in dataset.resources.all():
        version = resource.live_version
        if version is None or not version.table_name:
            continue
        if not resource_identifier or resource_identifier in {str(resource.pk), resource.name}:
            return Served(dataset, resource)
    return None


def xml_name(column_id: str) -> str:
    """An XML element name for a column id: Korean letters stay, brackets and spaces become _."""
    name = _INVALID_XML_NAME.sub("_", column_id) or "_"
    return "_" + name if name[0].isdigit() or name[0] in ".-" or name.lower().startswith("xml") else name


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return _INVALID_XML_CHARS.sub("", str(value))


def _append(parent: ET.Element, tag: str, value: Any) -> ET.Element:
    element = ET.SubElement(parent, tag)
    element.text = _text(value)
    return element


def _xml_response(root: ET.Element, status: int) -> HttpResponse:
    body = ET.tostring(root, encoding="utf-8", xml_declaration=True)
    return HttpResponse(body, content_type="application/xml; charset=utf-8", status=status)


def _json_response(data: dict[str, Any], status: int) -> HttpResponse:
    return HttpResponse(json.dumps(data, ensure_ascii=False), content_type="application/json; charset=utf-8",
                        status=status)


def _records(served: Served, query: datastore.Query) -> datastore.Result:
    version = served.resource.live_version
    assert version is not None
    return datastore.search(version.table_name, version.columns, query, row_count=version.row_count)


def _status_for(admission: services.Admission) -> int:
    return 429 if admission in {services.Admission.DAILY_QUOTA, services.Admission.RATE_LIMIT} else 200


# data.go.kr

DATA_GO_KR_RESERVED = {"serviceKey", "ServiceKey", "pageNo", "numOfRows", "returnType", "_type", "type"}
KEY_PARAMETERS = ("serviceKey", "ServiceKey")


def _data_go_kr(code: str, return_type: str, *, status: int = 200, detail: str = "",
                records: list[dict[str, Any]] | None = None, page: int = 1, rows: int = 10,
                total: int = 0) -> HttpResponse:
    header = {"resultCode": code, "resultMsg": DATA_GO_KR_MESSAGES[code]}
    if detail:
        header["resultDetail"] = detail  # our addition: the Korean reason, naming the parameter
    body = None if records is None else {"items": {"item": records}, "numOfRows": rows, "pageNo": page,
                                          "totalCount": total}
    if return_type == "json":
        response: dict[str, Any] = {"header": header}
        if body is not None:
            response["body"] = body
        return _json_response({"response": response}, status)
    root = ET.Element("response")
    header_element = ET.SubElement(root, "header")
    for name, value in header.items():
        _append(header_element, name, value)
    if body is not None:
        body_element = ET.SubElement(root, "body")
        items = ET.SubElement(body_element, "items")
        for record in records or []:
            item = ET.SubElement(items, "item")
            for name, value in record.items():
                _append(item, xml_name(name), value)
        _append(body_element, "numOfRows", rows)
        _append(body_element, "pageNo", page)
        _append(body_element, "totalCount", total)
    return _xml_response(root, status)


def _positive(value: str | None, default: int) -> int | None:
    if value is None or value == "":
        return default
    return int(value) if value.isdigit() and int(value) >= 1 else None


@require_http_methods(["GET", "HEAD"])
def data_go_kr(request: HttpRequest, dataset: str, resource: str) -> HttpResponseBase:
    """One page of a resource's rows the data.go.kr way; see the module docstring."""
    get = request.GET
    return_type = (get.get("returnType") or get.get("_type") or get.get("type") or "xml").lower()
    if return_type not in {"xml", "json"}:
        return _data_go_kr("10", "xml", detail="returnType은 json 또는 xml입니다.")
    key = get.get("serviceKey") or get.get("ServiceKey") or ""
    if not key:
        return _data_go_kr("11", return_type, detail="필수 요청 변수 serviceKey(인증키)가 없습니다.")
    page = _positive(get.get("pageNo"), 1)
    if page is None:
        return _data_go_kr("10", return_type, detail="pageNo는 1 이상의 정수입니다.")
    rows = _positive(get.get("numOfRows"), 10)
    if rows is None or rows > MAX_ROWS:
        return _data_go_kr("10", return_type, detail=f"numOfRows는 1부터 {MAX_ROWS}까지의 정수입니다.")
    served = _served(dataset, resource)
    if served is None:
        return _data_go_kr("12", return_type, detail="해당하는 데이터셋 또는 자원이 없습니다.")
    admission = services.api_call_admit(key=key, dataset=served.dataset, face=ApiUsage.Face.DATA_GO_KR)
    if admission in REFUSED:
        code = "30" if admission == services.Admission.UNKNOWN_KEY else "22"
        detail = {services.Admission.UNKNOWN_KEY: "등록되지 않았거나 폐기된 인증키입니다.",
                  services.Admission.DAILY_QUOTA: "이 인증키의 하루 호출 한도를 넘었습니다.",
                  services.Admission.RATE_LIMIT: "이 인증키의 분당 호출 한도를 넘었습니다. 잠시 뒤 다시 요청해 주세요."}
        return _data_go_kr(code, return_type, status=_status_for(admission), detail=detail[admission])
    version = served.resource.live_version
    assert version is not None
    etag = caching.etag_for("data.go.kr", version.pk, caching.request_fingerprint(request, ignore=KEY_PARAMETERS))
    unchanged = caching.not_modified(request, etag=etag, last_modified=version.loaded_at)
    if unchanged is not None:
        return unchanged
    column_ids = {column["id"] for column in version.columns}
    filters = {name: get[name] for name in get if name in column_ids and name not in DATA_GO_KR_RESERVED}
    try:
        result = _records(served, datastore.Query(filters=filters, limit=rows, offset=(page - 1) * rows))
    except datastore.QueryError as exc:
        return _data_go_kr("10", return_type, detail=str(exc))
    except Exception:
        logger.exception("data.go.kr face failed on %s", served.resource.pk)
        return _data_go_kr("99", return_type, status=500, detail="서버 오류입니다.")
    if not result.total:
        response = _data_go_kr("03", return_type, detail="조건에 맞는 자료가 없습니다.", records=[], page=page, rows=rows)
    else:
        records = [{k: v for k, v in record.items() if k != "_id"} for record in result.records]
        response = _data_go_kr("00", return_type, records=records, page=page, rows=rows, total=result.total or 0)
    caching.stamp(response, etag=etag, last_modified=version.loaded_at)
    return response


# Seoul

def _seoul(code: str, return_type: str, *, status: int = 200, service: str = "", detail: str = "",
           records: list[dict[str, Any]] | None = None, total: int = 0) -> HttpResponse:
    message = SEOUL_MESSAGES[code] + (f" ({detail})" if detail else "")
    result = {"CODE": code, "MESSAGE": message}
    if records is None:
        if return_type == "json":
            return _json_response({"RESULT": result}, status)
        root = ET.Element("RESULT")
        _append(root, "CODE", code)
        _append(root, "MESSAGE", message)
        return _xml_response(root, status)
    if return_type == "json":
        return _json_response({service: {"list_total_count": total, "RESULT": result, "row": records}}, status)
    root = ET.Element(xml_name(service))
    _append(root, "list_total_count", total)
    result_element = ET.SubElement(root, "RESULT")
    _append(result_element, "CODE", code)
    _append(result_element, "MESSAGE", message)
    for record in records:
        row = ET.SubElement(root, "row")
        for name, value in record.items():
            _append(row, xml_name(name), value)
    return _xml_response(root, status)


@require_http_methods(["GET", "HEAD"])
def seoul(request: HttpRequest, rest: str) -> HttpResponseBase:
    """Rows START..END (1-based, inclusive) the Seoul open-API way; see the module docstring."""
    parts = rest.split("/")
    if parts and parts[-1] == "":
        parts = parts[:-1]
    return_type = parts[1].lower() if len(parts) > 1 else "xml"
    if len(parts) > 1 and return_type not in {"json", "xml"}:
        return _seoul("ERROR-301", "xml")
    if len(parts) < 5 or not all(parts[:5]):
        return _seoul("ERROR-300", return_type, detail="KEY/TYPE/SERVICE/START_INDEX/END_INDEX")
    key, _type, service, start_text, end_text = parts[:5]
    served = _served(service)
    if served is None:
        return _seoul("ERROR-310", return_type)
    if not (start_text.lstrip("-").isdigit() and end_text.lstrip("-").isdigit()):
        return _seoul("ERROR-333", return_type)
    start, end = int(start_text), int(end_text)
    if start < 1:
        return _seoul("ERROR-331", return_type)
    if end < 1:
        return _seoul("ERROR-332", return_type)
    if start > end:
        return _seoul("ERROR-334", return_type)
    if key == services.SAMPLE_KEY and end - start + 1 > SEOUL_SAMPLE_ROWS:
        return _seoul("ERROR-335", return_type)
    if end - start + 1 > MAX_ROWS:
        return _seoul("ERROR-336", return_type)
    admission = services.api_call_admit(key=key, dataset=served.dataset, face=ApiUsage.Face.SEOUL)
    if admission == services.Admission.UNKNOWN_KEY:
        return _seoul("INFO-100", return_type)
    if admission in REFUSED:
        detail = "하루 호출 한도" if admission == services.Admission.DAILY_QUOTA else "분당 호출 한도"
        return _seoul("INFO-300", return_type, status=429, detail=detail)
    version = served.resource.live_version
    assert version is not None
    # Named by what follows the key: the same rows asked with another key are the same answer.
    etag = caching.etag_for("seoul", version.pk, "/".join(parts[1:]))
    unchanged = caching.not_modified(request, etag=etag, last_modified=version.loaded_at)
    if unchanged is not None:
        return unchanged
    filters = {column["id"]: value for column, value in zip(version.columns, parts[5:], strict=False)
               if value.strip()}
    try:
        result = _records(served, datastore.Query(filters=filters, limit=end - start + 1, offset=start - 1))
    except datastore.QueryError as exc:
        return _seoul("ERROR-300", return_type, detail=str(exc))
    except Exception:
        logger.exception("Seoul face failed on %s", served.resource.pk)
        return _seoul("ERROR-500", return_type, status=500)
    if not result.records:
        response = _seoul("INFO-200", return_type)
    else:
        records = [{k: v for k, v in record.items() if k != "_id"} for record in result.records]
        response = _seoul("INFO-000", return_type, service=service, records=records, total=result.total or 0)
    caching.stamp(response, etag=etag, last_modified=version.loaded_at)
    return response
