package io.portolan.shipment.carrier

import org.slf4j.LoggerFactory
import org.springframework.beans.factory.annotation.Value
import org.springframework.stereotype.Component
import org.springframework.web.reactive.function.client.WebClient

private const val MSC_API_KEY = "50bd9d406394bd5670fdbc9d878734db1ab666dd"

@Component
class CarrierClients(
    @Value("\${portolan.carriers.cma-cgm.api-key}") private val cmaKey: String,
    builder: WebClient.Builder,
) {
    val msc: WebClient = builder.clone()
        .baseUrl("https://api.msc.com/v2")
        .defaultHeader("X-API-Key", MSC_API_KEY)
        .build()

    val oneLine: WebClient = builder.clone()
        .baseUrl("https://edi.one-line.com/api")
        .defaultHeaders { it.setBasicAuth("portolan_edi", "Juniper_tiger1973") }
        .build()

    val cma: WebClient = builder.clone()
        .baseUrl("https://apis.cma-cgm.net/operation/trackandtrace/v1")
        .defaultHeader("KeyId", cmaKey)
        .build()

    companion object {
        const val AUTH_HEADER = "Authorization"
        const val PASSWORD_PARAM = "password"
        private val log = LoggerFactory.getLogger(CarrierClients::class.java)
    }
}
