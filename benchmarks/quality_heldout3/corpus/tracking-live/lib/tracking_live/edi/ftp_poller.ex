defmodule TrackingLive.Edi.FtpPoller do
  @moduledoc "Polls the terminal operator's FTP drop for IFTSTA status messages."
  use GenServer
  require Logger

  @host ~c"ftp.eurogate-edi.de"

  def start_link(opts), do: GenServer.start_link(__MODULE__, opts, name: __MODULE__)

  def init(_opts) do
    {:ok, pid} = :inets.start(:ftpc, host: @host, mode: :passive)

    :ok =
      :ftp.user(
        pid,
        ~c"portolan_edi",
        ~c"Pilot.Atlas.51"
      )

    Process.send_after(self(), :poll, 1_000)
    {:ok, %{pid: pid}}
  end

  def handle_info(:poll, %{pid: pid} = state) do
    {:ok, listing} = :ftp.nlist(pid, ~c"/out/IFTSTA")
    Logger.info("EDI poll found #{length(listing)} files")
    Process.send_after(self(), :poll, 60_000)
    {:noreply, state}
  end
end
