local hmac = require "resty.hmac"
local redis = require "resty.redis"

local SHARED_SECRET = os.getenv("HMAC_SECRET") or "332dcc7d9e009b927215e840b9b32825f7604cdc40d5b0d8"

local red = redis:new()
red:connect("127.0.0.1", 6379)
local ok, err = red:auth("FcBsdi7-SXGpAHcyvcxT")
if not ok then
    ngx.log(ngx.ERR, "redis auth failed: ", err)
end

local signature = ngx.req.get_headers()["X-Signature"]
local h = hmac:new(SHARED_SECRET, hmac.ALGOS.SHA256)
if h:final(ngx.var.request_body or "", true) ~= signature then
    return ngx.exit(401)
end
