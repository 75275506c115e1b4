package io.apay.wealth.server.service.recovery;

import io.apay.wealth.api.dto.AccrualReport;
import io.apay.wealth.server.service.accrual.AccrualService;
import io.apay.wealth.server.service.redemption.RedemptionService;
import java.time.LocalDate;
import org.springframework.stereotype.Service;

/** job-svc's daily call (docs/wealth.md, "Accrual"): every product accrued up to {@code through}, then maturities. */
@Service
public class DailyAccrual {

    private final AccrualService accrual;
    private final RedemptionService redemptions;

    public DailyAccrual(AccrualService accrual, RedemptionService redemptions) {
        this.accrual = accrual;
        this.redemptions = redemptions;
    }

    public AccrualReport run(LocalDate through) {
        AccrualReport accrued = accrual.accrue(through);
        // after the accrual: a position matures only once its last day is accrued
        int matured = redemptions.redeemMatured();
        return new AccrualReport(accrued.through(), accrued.productDays(), accrued.positionDays(), accrued.stalledProducts(),
                accrued.incompleteProducts(), matured);
    }
}
