defmodule TrackingLive.Carriers.AisClient do
  @moduledoc "Vessel positions from the AIS provider, refreshed every five minutes."
  use Tesla

  @api_key "ce864447e8be87583ff3842c144331329cd6a781"

  plug Tesla.Middleware.BaseUrl, "https://services.marinetraffic.com/api"
  plug Tesla.Middleware.JSON
  plug Tesla.Middleware.Timeout, timeout: 10_000

  def vessel_position(imo) do
    get("/exportvessel/v:5/#{@api_key}/protocol:jsono/imo:#{imo}")
  end
end

defmodule TrackingLive.Carriers.PortCallClient do
  use Tesla

  plug Tesla.Middleware.BaseUrl, "https://portcalls.portolan-partners.net/v1"
  plug Tesla.Middleware.BasicAuth, username: "tracking-live", password: "jY81hnNLB3U!VHUih!"
  plug Tesla.Middleware.Headers, [{"authorization", "Bearer " <> token()}]

  def arrivals(unlocode), do: get("/ports/#{unlocode}/arrivals")
end
